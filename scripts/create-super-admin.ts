// `npm run create-super-admin -- --username <name> [--nom <nom>] [--prenom <prénom>]`: the only way a platform
// super-admin comes to exist (no API route creates one). The password is read from CABINET_SUPER_ADMIN_PASSWORD
// or from stdin (typed without echo on a terminal, or piped), never from an argument, and is never printed.
//
// Target: by default the running local stack (runtime.json in CABINET_STATE_DIR or ./.cabinet-local); a deployed
// stack with --user-pool-id, --table-name and --region (AWS credentials from the default provider chain); or any
// emulators with --dynamodb-endpoint and --cognito-endpoint added to those three (the integration tests do so).
//
// It creates the Cognito user (confirmed, permanent password), then writes the user profile, the USERNAME# guard
// and the PLATFORM / SUPERADMIN#<id> marker in ONE DynamoDB transaction; if that fails the Cognito user is deleted.
// It talks to the SDKs directly: the functions' adapters parse Lambda environment variables at load.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { superAdminItem } from '#domain/platform';
import { type User, userItem, usernameGuardKey } from '#domain/user';
import { password as passwordRule, personName, username as usernameRule } from '#schemas/common';

const USAGE = `Usage: npm run create-super-admin -- --username <name> [--nom <nom>] [--prenom <prénom>]
         [--user-pool-id <id> --table-name <name> --region <region>]
         [--dynamodb-endpoint <url> --cognito-endpoint <url>]
The password is read from CABINET_SUPER_ADMIN_PASSWORD, or from stdin.`;

/** Failures the operator can act on: printed as one message, exit code 1 (2 for invalid input). */
class ScriptError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

interface Target {
  description: string;
  region: string;
  tableName: string;
  userPoolId: string;
  dynamoEndpoint?: string | undefined;
  cognitoEndpoint?: string | undefined;
}

const { values: flags } = (() => {
  try {
    return parseArgs({
      options: {
        username: { type: 'string' },
        nom: { type: 'string' },
        prenom: { type: 'string' },
        'user-pool-id': { type: 'string' },
        'table-name': { type: 'string' },
        region: { type: 'string' },
        'dynamodb-endpoint': { type: 'string' },
        'cognito-endpoint': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    // e.g. `--password x`: refused as an unknown option, so a password never has to be typed as an argument.
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    process.exit(2);
  }
})();

const inputSchema = z.strictObject({
  username: usernameRule(),
  nom: personName('nom'),
  prenom: personName('prenom'),
  password: passwordRule(),
});

function readTarget(): Target {
  const explicit = flags['user-pool-id'] ?? flags['table-name'];
  if (explicit !== undefined) {
    const region = flags.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
    const missing = [
      ['--user-pool-id', flags['user-pool-id']],
      ['--table-name', flags['table-name']],
      ['--region', region],
    ].filter(([, value]) => !value);
    if (missing.length) throw new ScriptError(`Missing ${missing.map(([name]) => name).join(', ')}.\n\n${USAGE}`, 2);
    const endpoints = flags['dynamodb-endpoint'] || flags['cognito-endpoint'];
    return {
      description: endpoints
        ? `emulators (table ${flags['table-name']})`
        : `AWS ${region} (table ${flags['table-name']}, pool ${flags['user-pool-id']})`,
      region: region!,
      tableName: flags['table-name']!,
      userPoolId: flags['user-pool-id']!,
      dynamoEndpoint: flags['dynamodb-endpoint'],
      cognitoEndpoint: flags['cognito-endpoint'],
    };
  }
  const file = resolve(process.env.CABINET_STATE_DIR ?? '.cabinet-local', 'runtime.json');
  let runtime: Partial<Record<'dynamoEndpoint' | 'cognitoEndpoint' | 'userPoolId' | 'tableName' | 'region', string>>;
  try {
    runtime = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new ScriptError(
      `No local stack found (${file}). Start it with \`npm start\`, or target a deployed stack with --user-pool-id, --table-name and --region.`,
    );
  }
  if (!runtime.dynamoEndpoint || !runtime.cognitoEndpoint || !runtime.userPoolId || !runtime.tableName || !runtime.region) {
    throw new ScriptError(`${file} is incomplete: restart the local stack with \`npm start\`.`);
  }
  return {
    description: `the local stack (${file})`,
    region: runtime.region,
    tableName: runtime.tableName,
    userPoolId: runtime.userPoolId,
    dynamoEndpoint: flags['dynamodb-endpoint'] ?? runtime.dynamoEndpoint,
    cognitoEndpoint: flags['cognito-endpoint'] ?? runtime.cognitoEndpoint,
  };
}

/** The password from the environment, or stdin: typed without echo on a terminal, else the first piped line. */
async function readPassword(): Promise<string> {
  const fromEnv = process.env.CABINET_SUPER_ADMIN_PASSWORD;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (process.stdin.isTTY) {
    const first = await promptHidden('Password: ');
    const second = await promptHidden('Repeat the password: ');
    if (first !== second) throw new ScriptError('The two passwords differ.', 2);
    return first;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

function promptHidden(prompt: string): Promise<string> {
  return new Promise((resolvePassword, reject) => {
    const stdin = process.stdin;
    let typed = '';
    process.stderr.write(prompt);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const onData = (data: string) => {
      for (const char of data) {
        if (char === '\r' || char === '\n') {
          done();
          process.stderr.write('\n');
          resolvePassword(typed);
          return;
        }
        if (char === '\u0003') {
          done();
          process.stderr.write('\n');
          reject(new ScriptError('Cancelled.'));
          return;
        }
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
        else typed += char;
      }
    };
    const done = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
    };
    stdin.on('data', onData);
  });
}

function validate(rawPassword: string) {
  const parsed = inputSchema.safeParse({
    username: flags.username ?? '',
    nom: flags.nom ?? 'Admin',
    prenom: flags.prenom ?? 'Platform',
    password: rawPassword,
  });
  if (!parsed.success) {
    // Issue messages name the broken rule; they never contain the value.
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || 'input'}: ${issue.message}`);
    throw new ScriptError(`Invalid input:\n${lines.join('\n')}`, 2);
  }
  return parsed.data;
}

// Emulators accept any credentials; real AWS uses the default provider chain.
const emulatorCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };

async function createSuperAdmin(target: Target, input: ReturnType<typeof validate>): Promise<string> {
  const cognito = new CognitoIdentityProviderClient({
    region: target.region,
    ...(target.cognitoEndpoint ? { endpoint: target.cognitoEndpoint, credentials: emulatorCredentials } : {}),
  });
  const db = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      region: target.region,
      ...(target.dynamoEndpoint ? { endpoint: target.dynamoEndpoint, credentials: emulatorCredentials } : {}),
    }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
  const deleteCognitoUser = async () => {
    try {
      await cognito.send(new AdminDeleteUserCommand({ UserPoolId: target.userPoolId, Username: input.username }));
    } catch (error) {
      console.error(`Could not delete the Cognito user "${input.username}" after the failure: delete it by hand (${describe(error)}).`);
    }
  };

  let userId: string | undefined;
  try {
    const created = await cognito.send(
      new AdminCreateUserCommand({ UserPoolId: target.userPoolId, Username: input.username, MessageAction: 'SUPPRESS' }),
    );
    userId = created.User?.Attributes?.find((attribute) => attribute.Name === 'sub')?.Value;
  } catch (error) {
    if (error instanceof Error && error.name === 'UsernameExistsException') {
      throw new ScriptError(`The username "${input.username}" is already taken.`);
    }
    throw error;
  }
  if (!userId) {
    await deleteCognitoUser();
    throw new ScriptError('Cognito returned a user without a sub.');
  }
  try {
    await cognito.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: target.userPoolId,
        Username: input.username,
        Password: input.password,
        Permanent: true,
      }),
    );
  } catch (error) {
    await deleteCognitoUser();
    if (error instanceof Error && error.name === 'InvalidPasswordException') {
      throw new ScriptError('The user pool refused the password (password policy).', 2);
    }
    throw error;
  }

  const now = new Date().toISOString();
  const user: User = { id: userId, username: input.username, nom: input.nom, prenom: input.prenom, createdAt: now, updatedAt: now };
  const putNew = (item: Record<string, unknown>) => ({
    Put: { TableName: target.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' },
  });
  try {
    await db.send(
      new TransactWriteCommand({
        TransactItems: [
          putNew(userItem(user)),
          putNew({ ...usernameGuardKey(user.username), userId }),
          putNew(superAdminItem({ userId, username: user.username, createdAt: now })),
        ],
      }),
    );
  } catch (error) {
    await deleteCognitoUser();
    const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
    if (reasons?.[1]?.Code === 'ConditionalCheckFailed') {
      throw new ScriptError(`The username "${input.username}" is already taken.`);
    }
    throw error;
  }
  return userId;
}

const describe = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error');

async function main(): Promise<void> {
  if (flags.help) {
    console.log(USAGE);
    return;
  }
  if (!flags.username) throw new ScriptError(`--username is required.\n\n${USAGE}`, 2);
  const target = readTarget();
  const input = validate(await readPassword());
  const userId = await createSuperAdmin(target, input);
  console.log(`Super-admin "${input.username}" created (user id ${userId}) in ${target.description}.`);
  console.log('Sign in with POST /api/auth/login; the token carries no organisation and opens the /api/platform routes.');
}

main().catch((error: unknown) => {
  // Only a name and message are printed: never the request (which may hold the password) nor a stack dump.
  if (error instanceof ScriptError) {
    console.error(error.message);
    process.exit(error.exitCode);
  }
  console.error(`create-super-admin failed: ${describe(error)}`);
  process.exit(1);
});
