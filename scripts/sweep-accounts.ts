// Runs the account sweeper once, by hand, against the running local stack (`npm start`, or the test stack whose state
// directory CABINET_STATE_DIR names): handles the due account checks (orphan Cognito users older than
// ORPHAN_MIN_AGE_SECONDS) and a due reconciliation, then prints what it did. Options:
//   --reconcile [organisationId]   first ask for a reconciliation of accounts deleted from Cognito outside the API
//                                  (every organisation, or one)
//   --reconcile pool               first ask for a walk of the whole pool for orphans without a check (after a
//                                  table restore: docs/restore.md)
//   --max-work N, --page-size N    stop after N checks or accounts (the rest stays due for the next run)
// Deployed, invoke the function instead (with '{"reconcile":true}' as the payload to ask for a reconciliation):
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
const args = process.argv.slice(2);
const option = (name: string) => {
  const index = args.indexOf(name);
  const value = index >= 0 ? args[index + 1] : undefined;
  return value && !value.startsWith('--') ? value : undefined;
};
const number = (name: string) => (option(name) ? Number(option(name)) : undefined);
const { handler } = await import('../functions/jobs/account-sweeper.ts');
const started = performance.now();
const summary = await handler({
  ...(args.includes('--reconcile') ? { reconcile: option('--reconcile') ?? true } : {}),
  ...(number('--max-work') ? { maxWork: number('--max-work') } : {}),
  ...(number('--page-size') ? { pageSize: number('--page-size') } : {}),
});
// The run's own time (the process's start-up left out): what the scale bench compares.
console.log(JSON.stringify({ ...summary, runMs: Math.round(performance.now() - started) }));
