// CabinetData: the resources that hold data (the table and the user pool), kept apart so code deploys never touch them.
import { Annotations, Aws, Duration, Fn, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  UserPool,
  type UserPoolClient,
  type UserPoolDomain,
  UserPoolOperation,
} from 'aws-cdk-lib/aws-cognito';
import { AttributeType, BillingMode, type ITable, ProjectionType, StreamViewType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { TABLE_DEFINITION } from '#core/table';
import { preTokenTrigger } from '#routes';
import { PASSWORD_MIN_LENGTH } from '#schemas/common';
import { CabinetFunction } from './cabinet-function.ts';
import { contextString } from './context.ts';
import { CabinetMailIdentity } from './mail.ts';
import { UserPoolFirewall } from './waf.ts';

/** Token lifetimes of both app clients (docs/operations.md: deploy). */
export const TOKEN_VALIDITY = { idTokenHours: 1, accessTokenHours: 1, refreshTokenDays: 30 } as const;

/** What both app clients share: the attributes they read and write, and their tokens' lifetimes. */
export function appClientSettings() {
  // Standard attributes only; none of them is trusted for authorisation. email and email_verified are set by
  // the API with admin calls, so neither is writable through a client (a user cannot swap in another address).
  const readAttributes = new ClientAttributes().withStandardAttributes({
    email: true,
    emailVerified: true,
    givenName: true,
    familyName: true,
    locale: true,
  });
  const writeAttributes = new ClientAttributes().withStandardAttributes({ givenName: true, familyName: true, locale: true });
  const tokenValidity = {
    idTokenValidity: Duration.hours(TOKEN_VALIDITY.idTokenHours),
    accessTokenValidity: Duration.hours(TOKEN_VALIDITY.accessTokenHours),
    refreshTokenValidity: Duration.days(TOKEN_VALIDITY.refreshTokenDays),
  };
  return { readAttributes, writeAttributes, tokenValidity };
}

/**
 * Cognito's rules for a hosted-login domain prefix (CreateUserPoolDomain): 1 to 63 lowercase letters, digits and
 * hyphens, starting and ending with a letter or digit, and none of the reserved words aws, amazon, cognito. Checked
 * at synth, so a bad prefix fails `cdk synth` with its reason instead of a deployment half-way through.
 */
export function validateDomainPrefix(prefix: string): string {
  const problems: string[] = [];
  if (prefix.length < 1 || prefix.length > 63) problems.push('must be 1 to 63 characters long');
  if (!/^[a-z0-9-]*$/.test(prefix)) problems.push('may contain only lowercase letters, digits and hyphens');
  if (/^-|-$/.test(prefix)) problems.push('must start and end with a letter or a digit');
  const reserved = ['aws', 'amazon', 'cognito'].filter((word) => prefix.includes(word));
  if (reserved.length > 0) problems.push(`must not contain the reserved word${reserved.length > 1 ? 's' : ''} ${reserved.join(', ')}`);
  if (problems.length > 0)
    throw new Error(`Invalid cognitoDomainPrefix "${prefix}": it ${problems.join('; ')} (Cognito's domain prefix rules).`);
  return prefix;
}

export class StatefulStack extends Stack {
  readonly table: ITable;
  readonly userPool: UserPool;
  readonly apiClient: UserPoolClient;
  readonly domain: UserPoolDomain;
  readonly preTokenFunction: CabinetFunction;
  readonly mail: CabinetMailIdentity;
  readonly firewall: UserPoolFirewall;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    // One table for every entity (single-table design), as functions/core/table.ts defines it for CDK, the local
    // bootstrap and the tests alike: this stack's own, or, with `-c tableName=…`, an existing one (a point-in-time
    // restore to adopt, docs/restore.md).
    this.table = cabinetTable(this);

    // E-mail (lib/mail.ts): the SES identity and configuration set Cognito and the API's functions send through.
    this.mail = new CabinetMailIdentity(this, 'Mail');

    this.userPool = new UserPool(this, 'UserPool', {
      // Accounts are created by the API (register-cabinet, later invitations), never by anonymous sign-up.
      selfSignUpEnabled: false,
      signInAliases: { username: true },
      signInCaseSensitive: false,
      // No custom attributes: organisation and role come from DynamoDB through the pre-token trigger, so there
      // is no attribute a user could write to change their own tenant or role.
      standardAttributes: { email: { required: false, mutable: true } },
      // The same rules the API validates (functions/schemas/common.ts), so both reject the same passwords.
      passwordPolicy: {
        minLength: PASSWORD_MIN_LENGTH,
        requireUppercase: true,
        requireLowercase: true,
        requireDigits: true,
        requireSymbols: true,
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // The pool's own mail goes through SES from the same identity and configuration set as the API's (lib/mail.ts);
      // Cognito's shared default sender (50 messages a day) only while no verified sender is configured.
      email: this.mail.userPoolEmail(),
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      featurePlan: FeaturePlan.ESSENTIALS,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    if (this.mail.emailIdentity) this.userPool.node.addDependency(this.mail.emailIdentity);

    // The trigger lives here, not in CabinetApi: the pool must reference the function (LambdaConfig) and the
    // function only needs the table, so placing it in the stateless stack would make each stack depend on the
    // other (a cross-stack cycle). It only reads the table, so it only gets read access.
    this.preTokenFunction = new CabinetFunction(this, 'PreTokenGeneration', {
      entry: `functions/${preTokenTrigger}.ts`,
      description: 'Cognito pre-token-generation trigger: adds organisation and role claims from DynamoDB',
    }).useTable(this.table, 'read');
    this.userPool.addTrigger(UserPoolOperation.PRE_TOKEN_GENERATION, this.preTokenFunction.function);
    // The trigger refuses tokens to an app client and flow the API does not expect (functions/domain/token-flows.ts),
    // so it must know the clients' names: it lists them (ListUserPoolClients, which returns no secret). The pool
    // references the trigger, so the trigger cannot be given the clients' ids (a cycle); for the same reason this
    // grant is a policy of its own, which the function does not wait for, rather than the role's default policy.
    new Policy(this, 'PreTokenGenerationClientList', {
      roles: [this.preTokenFunction.role],
      statements: [new PolicyStatement({ actions: ['cognito-idp:ListUserPoolClients'], resources: [this.userPool.userPoolArn] })],
    });

    const { readAttributes, writeAttributes, tokenValidity } = appClientSettings();

    // The API signs users in with USER_PASSWORD_AUTH (InitiateAuth from login/refresh); it has no browser
    // redirects, so OAuth is off rather than left on CDK's default (code + implicit to https://example.com).
    // The client has a secret, so only the API can sign people in through it: Cognito refuses InitiateAuth and
    // RespondToAuthChallenge without the SECRET_HASH only the secret's holder can compute, so nobody can sign in
    // around the API's rate limits and checks, or get an access token (DeleteUser, ChangePassword…) from it. The
    // secret is in no template, output or variable: the sessions function reads it with DescribeUserPoolClient.
    this.apiClient = this.userPool.addClient('ApiClient', {
      userPoolClientName: 'api',
      generateSecret: true,
      authFlows: { userPassword: true },
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      readAttributes,
      writeAttributes,
      ...tokenValidity,
    });

    // The web app client (hosted login) is CabinetApi's (lib/web-client.ts): its callback and sign-out URLs default to
    // the deployed docs page, whose address only that stack knows.

    // AWS WAF on what reaches Cognito without the API: the hosted login, and Cognito's public operations (lib/waf.ts).
    this.firewall = new UserPoolFirewall(this, 'Firewall', { userPool: this.userPool });

    // Cognito domain prefixes are global per region. The default suffix is the last group of this stack's
    // CloudFormation id (a UUID): unique, stable for the stack's life, and known without an account lookup.
    const stackUuidTail = Fn.select(4, Fn.split('-', Fn.select(2, Fn.split('/', Aws.STACK_ID))));
    const configuredPrefix = contextString(this, 'cognitoDomainPrefix');
    const domainPrefix = configuredPrefix === undefined ? undefined : validateDomainPrefix(configuredPrefix);
    this.domain = this.userPool.addDomain('HostedLogin', {
      cognitoDomain: { domainPrefix: domainPrefix ?? `cabinet-dev-${stackUuidTail}` },
    });
  }
}

/** DynamoDB's table-name rule (3 to 255 letters, digits, `_`, `-`, `.`), checked at synth. */
export function validateTableName(name: string): string {
  if (!/^[A-Za-z0-9_.-]{3,255}$/.test(name)) {
    throw new Error(`Context tableName must be 3 to 255 letters, digits, underscores, hyphens or dots, not "${name}"`);
  }
  return name;
}

/**
 * The table. By default this stack's own, created with point-in-time recovery, deletion protection, TTL and the
 * indexes, and retained if ever removed from the stack. With `tableName`, the existing table of that name (a
 * point-in-time restore is always a new table): every function, grant and output then names it, the stack's own
 * table leaves the stack (retained, not deleted), and what a restore does not copy (point-in-time recovery,
 * deletion protection, TTL) is the operator's to set (docs/restore.md), since CloudFormation does not manage it.
 */
function cabinetTable(scope: Construct): ITable {
  const { partitionKey, sortKey, globalSecondaryIndexes, timeToLiveAttribute } = TABLE_DEFINITION;
  const adopted = contextString(scope, 'tableName');
  if (adopted !== undefined) {
    Annotations.of(scope).addWarningV2(
      'cabinet:adopted-table',
      `The functions use the existing table ${validateTableName(adopted)}, which CloudFormation does not manage: keep its ` +
        `point-in-time recovery, deletion protection and TTL (${timeToLiveAttribute}) on, and add any index a later ` +
        'release defines, by hand (docs/restore.md).',
    );
    // Its stream (NEW_IMAGE) feeds the webhook fan-out (lib/webhooks.ts): name it with -c tableStreamArn=….
    const tableStreamArn = contextString(scope, 'tableStreamArn');
    return Table.fromTableAttributes(scope, 'Table', {
      tableName: validateTableName(adopted),
      ...(tableStreamArn ? { tableStreamArn } : {}),
    });
  }
  const table = new Table(scope, 'Table', {
    partitionKey: { name: partitionKey, type: AttributeType.STRING },
    sortKey: { name: sortKey, type: AttributeType.STRING },
    billingMode: BillingMode.PAY_PER_REQUEST,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    // Short-lived items (rate-limit counters) carry epoch seconds in this attribute and are removed by TTL.
    timeToLiveAttribute,
    // New images of every write: the webhook fan-out reads the new Event items (lib/webhooks.ts).
    stream: StreamViewType[TABLE_DEFINITION.streamViewType],
    encryption: TableEncryption.AWS_MANAGED,
    deletionProtection: true,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  for (const index of globalSecondaryIndexes) {
    table.addGlobalSecondaryIndex({
      indexName: index.indexName,
      partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
      sortKey: { name: index.sortKey, type: AttributeType.STRING },
      projectionType: ProjectionType[index.projection],
    });
  }
  return table;
}
