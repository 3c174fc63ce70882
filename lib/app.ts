// Builds the Cabinet app (both stacks, cdk-nag and its suppressions): bin/cabinet.ts and the infra tests share it.
import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ApiStack } from './api-stack.ts';
import { ConsoleFilesStack, ConsoleStack, consoleEnabled } from './console.ts';
import { applyNagSuppressions } from './nag.ts';
import { StatefulStack } from './stateful-stack.ts';

export interface CabinetApp {
  readonly data: StatefulStack;
  readonly api: ApiStack;
  /** The web console (`-c console=false` leaves both out): its site, and the upload of its files. */
  readonly console?: { site: ConsoleStack; files: ConsoleFilesStack };
}

export function buildApp(app: App): CabinetApp {
  // The CLI sets CDK_DEFAULT_* from the current profile (the region falls back to us-east-1 when none is
  // configured). Nothing here looks anything up, so synth needs no credentials, and unset (as in the tests)
  // the stacks are environment-agnostic.
  const env = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };
  const data = new StatefulStack(app, 'CabinetData', {
    env,
    description: 'Cabinet stateful resources: DynamoDB table, Cognito user pool and its token trigger',
  });
  const site = consoleEnabled(app)
    ? new ConsoleStack(app, 'CabinetConsole', { env, description: 'Cabinet web console: private S3 bucket behind CloudFront (HTTPS only)' })
    : undefined;
  const api = new ApiStack(app, 'CabinetApi', {
    env,
    description: 'Cabinet stateless resources: HTTP API and one Lambda function per route',
    table: data.table,
    userPool: data.userPool,
    apiClient: data.apiClient,
    domain: data.domain,
    mail: data.mail,
    preTokenFunction: data.preTokenFunction.function,
    ...(site ? { console: site } : {}),
  });
  const files = site
    ? new ConsoleFilesStack(app, 'CabinetConsoleFiles', {
        env,
        description: "Cabinet web console: the build and its settings, uploaded to the console's bucket",
        site,
        config: { apiUrl: api.httpApi.apiEndpoint, hostedLoginUrl: data.domain.baseUrl(), clientId: api.webClient.userPoolClientId },
      })
    : undefined;
  // cdk-nag 3 is a CDK policy-validation plugin (no longer an Aspect): it runs at synth, fails it on any unacknowledged
  // error, and, with writeSuppressionsToCloudFormation, records each acknowledgement as `cdk_nag` template metadata.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true, writeSuppressionsToCloudFormation: true }));
  const webConsole = site && files ? { site, files } : undefined;
  applyNagSuppressions({ data, api, ...(webConsole ? { console: webConsole } : {}) });
  return { data, api, ...(webConsole ? { console: webConsole } : {}) };
}
