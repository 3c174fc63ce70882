// Runs the account sweeper once, by hand, against the running local stack (`npm start`, or the test stack whose state
// directory CABINET_STATE_DIR names): deletes orphan Cognito users older than ORPHAN_MIN_AGE_SECONDS and reconciles
// accounts deleted from Cognito outside the API, then prints what it did. Deployed, invoke the function instead:
//   aws lambda invoke --function-name <AccountSweeperFunctionName output> /dev/stdout
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import '../local/quiet-sdk.ts';
import { functionEnvironment } from '../local/bootstrap.ts';
import type { StackInfo } from '../local/child-stack.ts';

const stateDir = resolve(process.env.CABINET_STATE_DIR ?? '.cabinet-local');
const info = JSON.parse(readFileSync(join(stateDir, 'runtime.json'), 'utf8')) as StackInfo;
Object.assign(
  process.env,
  { AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', AWS_REGION: info.region },
  functionEnvironment({
    tableName: info.tableName,
    dynamoEndpoint: info.dynamoEndpoint,
    cognitoEndpoint: info.cognitoEndpoint,
    userPoolId: info.userPoolId,
    clientId: info.clientId,
    webClientId: info.webClientId,
    mailUrl: info.mailUrl,
    baseUrl: info.baseUrl,
  }),
  // The stack's own setting, so a run by hand judges orphans exactly as the stack does.
  { ORPHAN_MIN_AGE_SECONDS: String(info.orphanMinAgeSeconds ?? 15) },
);
const { handler } = await import('../functions/jobs/account-sweeper.ts');
const summary = await handler();
console.log(JSON.stringify(summary));
