// The pre-token trigger's configuration beyond the table: where Cognito is. The trigger knows its user pool from the
// event, so it needs neither the pool id nor the app clients' ids (which CDK cannot give it: the pool references the
// trigger, so the trigger cannot reference the pool's clients).
import { env, readEnv } from './env.ts';

export const triggerConfig = readEnv({
  AWS_REGION: env.text(),
  /** Local runs only: cognito-local. */
  COGNITO_ENDPOINT: env.optional(env.url()),
});
