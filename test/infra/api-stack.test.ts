// CabinetApi's template: one route per routes.ts entry, integrated with the function of its privilege class; one
// least-privilege role per function; the stage and the outputs.
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { GSI1 } from '#core/table';
import { DIALECT_NAMES } from '#dialects';
import { accessOf, allRouteList, type FunctionName, functionNames, routeList, servedRouteList } from '#routes';
import { functionDescription } from '../../lib/api-stack.ts';
import { LAMBDA_RUNTIME } from '../../lib/bundling.ts';
import {
  actionsOf,
  type CfnResource,
  dataStackOutput,
  functionByDescription,
  logicalIdOf,
  type PolicyStatement,
  resourcesOf,
  roleOf,
  statementsOfRole,
  synthesizeCabinet,
  TEST_CONTEXT,
} from './cabinet-app.ts';

const { dataTemplate, apiTemplate: template } = synthesizeCabinet();
const dataIds = {
  table: logicalIdOf(dataTemplate, 'AWS::DynamoDB::Table'),
  pool: logicalIdOf(dataTemplate, 'AWS::Cognito::UserPool'),
};
const fromData = (value: unknown) => dataStackOutput(dataTemplate, value);
const tableArn = fromData({ 'Fn::GetAtt': [dataIds.table, 'Arn'] });
const poolArn = fromData({ 'Fn::GetAtt': [dataIds.pool, 'Arn'] });

const functionOf = (name: FunctionName): [string, CfnResource] => functionByDescription(template, functionDescription(name));
const statementsOf = (name: FunctionName): PolicyStatement[] => statementsOfRole(template, roleOf(functionOf(name)[1]));

describe('CabinetApi routes', () => {
  const apiRoutes = Object.values(resourcesOf(template, 'AWS::ApiGatewayV2::Route'));
  const integrations = resourcesOf(template, 'AWS::ApiGatewayV2::Integration');
  const functions = resourcesOf(template, 'AWS::Lambda::Function');

  /** route key → Description of the function its integration invokes */
  const targetOf = (routeKey: string): string | undefined => {
    const route = apiRoutes.find((candidate) => candidate.Properties?.RouteKey === routeKey);
    const target = route?.Properties?.Target as { 'Fn::Join': [string, [string, { Ref: string }]] } | undefined;
    const integration = integrations[target?.['Fn::Join'][1][1].Ref ?? ''];
    const uri = integration?.Properties?.IntegrationUri as { 'Fn::GetAtt': [string, string] } | undefined;
    return functions[uri?.['Fn::GetAtt'][0] ?? '']?.Properties?.Description as string | undefined;
  };

  it('has exactly one route per routes.ts entry and per route of every dialect (on by default), plus $default', () => {
    const keys = apiRoutes.map((route) => route.Properties?.RouteKey as string).sort();
    expect(keys).toEqual([...allRouteList.map((route) => `${route.method} ${route.path}`), '$default'].sort());
  });

  it('routes only the dialects -c dialects names, and none of them with none (docs/migrating.md)', () => {
    const keysWith = (dialects: string) =>
      Object.values(resourcesOf(synthesizeCabinet({ context: { ...TEST_CONTEXT, dialects } }).apiTemplate, 'AWS::ApiGatewayV2::Route'))
        .map((route) => route.Properties?.RouteKey as string)
        .sort();
    expect(keysWith('none')).toEqual([...routeList.map((route) => `${route.method} ${route.path}`), '$default'].sort());
    expect(keysWith('org-code')).toEqual(
      [...servedRouteList(['org-code']).map((route) => `${route.method} ${route.path}`), '$default'].sort(),
    );
    // Seed 003's clinic dialect, alone or beside another: exactly its routes under /compat/clinic.
    const clinicKeys = servedRouteList(['clinic'])
      .filter((route) => route.dialect === 'clinic')
      .map((route) => `${route.method} ${route.path}`);
    expect(clinicKeys).toEqual(
      expect.arrayContaining(['POST /compat/clinic/functions/v1/create-clinic', 'GET /compat/clinic/openapi.json']),
    );
    expect(keysWith('clinic')).toEqual([...routeList.map((route) => `${route.method} ${route.path}`), ...clinicKeys, '$default'].sort());
    expect(keysWith('org-code,clinic')).toEqual(
      [...servedRouteList(['org-code', 'clinic']).map((route) => `${route.method} ${route.path}`), '$default'].sort(),
    );
    expect(keysWith('org-code').some((key) => key.includes('/compat/clinic/'))).toBe(false);
    expect(keysWith('org-management')).toEqual(
      [...servedRouteList(['org-management']).map((route) => `${route.method} ${route.path}`), '$default'].sort(),
    );
    expect(keysWith('org-management')).toContain('POST /compat/org-management/api/auth/register-with-organization');
    expect(keysWith('org-management')).not.toContain('POST /compat/org-code/api/organizations/create');
    expect(keysWith('org-code')).not.toContain('POST /compat/dual-mode/api/auth/register');
    expect(keysWith('dual-mode,org-code')).toEqual(
      expect.arrayContaining(['POST /compat/dual-mode/api/auth/register', 'POST /compat/org-code/api/auth/register']),
    );
    expect(() => keysWith('klingon')).toThrow(/Unknown dialect/);
  });

  it.each(allRouteList.map((route) => ({ key: `${route.method} ${route.path}`, fn: route.function })))(
    '$key invokes the $fn function',
    ({ key, fn }) => {
      expect(targetOf(key)).toBe(functionDescription(fn));
    },
  );

  it('sends unmatched requests ($default) to the system function', () => {
    expect(targetOf('$default')).toBe(functionDescription('system'));
  });

  it('has one integration per function, each invoked through one API-wide permission (not one per route)', () => {
    expect(Object.keys(integrations)).toHaveLength(functionNames.length);
    const uris = Object.values(integrations).map((integration) => JSON.stringify(integration.Properties?.IntegrationUri));
    expect(new Set(uris).size).toBe(functionNames.length);
    // The mail sweeper's permission is EventBridge's (test/infra/mail.test.ts); the API's are one per function.
    const permissions = Object.values(resourcesOf(template, 'AWS::Lambda::Permission')).filter(
      (permission) => permission.Properties?.Principal === 'apigateway.amazonaws.com',
    );
    expect(permissions).toHaveLength(functionNames.length);
    for (const permission of permissions) {
      expect(permission.Properties).toMatchObject({ Action: 'lambda:InvokeFunction', Principal: 'apigateway.amazonaws.com' });
      // arn:…:execute-api:<region>:<account>:<api id>/*/*/* : any stage, method and path of this API only.
      expect(JSON.stringify(permission.Properties?.SourceArn)).toMatch(/\/\*\/\*\/\*"/);
      expect(JSON.stringify(permission.Properties?.SourceArn)).toContain(
        JSON.stringify({ Ref: logicalIdOf(template, 'AWS::ApiGatewayV2::Api') }),
      );
    }
  });

  it('has no API Gateway authorizer: the functions verify tokens and memberships themselves', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 0);
    for (const route of apiRoutes) expect(route.Properties?.AuthorizationType ?? 'NONE').toBe('NONE');
  });

  it('uses Lambda proxy integrations with payload format 2.0', () => {
    for (const integration of Object.values(integrations)) {
      expect(integration.Properties).toMatchObject({ IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0' });
    }
  });
});

describe('CabinetApi functions', () => {
  const allFunctions = Object.values(resourcesOf(template, 'AWS::Lambda::Function'));
  /**
   * The functions that serve no route: the mail outbox's sweeper (lib/mail.ts; test/infra/mail.test.ts checks it),
   * the account sweeper and the organisation deletion worker (lib/operations.ts; test/infra/operations.test.ts), and
   * the webhook fan-out and sweeper (lib/webhooks.ts; test/infra/webhooks.test.ts).
   */
  const sweepers = [
    'Mail outbox sweeper: retries pending e-mail with backoff, marks it FAILED after the last attempt',
    'Account sweeper: deletes orphan Cognito users, reconciles accounts deleted outside the API',
    'Table stream: new events become webhook delivery jobs, attempted at once; new KPI records are counted',
    'Webhook sweeper: retries due deliveries with backoff, disables an endpoint after its last failure',
    'Organisation deletion worker: purges organisations being deleted, in checkpointed segments',
  ];
  const functions = allFunctions.filter((fn) => !sweepers.includes(String(fn.Properties?.Description)));
  const logGroups = resourcesOf(template, 'AWS::Logs::LogGroup');

  it('is one function per privilege class of the route table, and the three jobs', () => {
    expect(functions.map((fn) => fn.Properties?.Description).sort()).toEqual(functionNames.map(functionDescription).sort());
    expect(allFunctions).toHaveLength(functionNames.length + sweepers.length);
  });

  it(`runs every function on ${LAMBDA_RUNTIME.name} arm64 with 512 MB, no runtime source-map parsing and its own 30-day log group`, () => {
    expect(LAMBDA_RUNTIME.name).toBe('nodejs22.x');
    for (const fn of functions) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        MemorySize: 512,
        Handler: 'index.handler',
        Environment: { Variables: expect.not.objectContaining({ NODE_OPTIONS: expect.anything() }) },
      });
      const logGroup = (fn.Properties as { LoggingConfig: { LogGroup: { Ref: string } } }).LoggingConfig.LogGroup.Ref;
      expect(logGroups[logGroup]?.Properties?.RetentionInDays).toBe(30);
    }
  });

  it('gives each function the longest timeout its routes need (10 s by default: no route purges anything any more)', () => {
    for (const name of functionNames) expect(functionOf(name)[1].Properties?.Timeout, name).toBe(accessOf(name).timeoutSeconds ?? 10);
    expect(functionOf('account-admin')[1].Properties?.Timeout).toBe(10);
    expect(functionOf('member-read')[1].Properties?.Timeout).toBe(10);
  });

  it('gives every function the table name and the token settings (issuer, audiences: api and web clients)', () => {
    const apiClient = fromData({ Ref: clientId('api') });
    // The web client is this stack's own (lib/web-client.ts).
    const webClient = { Ref: clientId('web') };
    for (const fn of functions) {
      const variables = (fn.Properties as { Environment: { Variables: Record<string, unknown> } }).Environment.Variables;
      expect(variables).toEqual({
        // Mail settings (lib/mail.ts) and the docs page's hosted login (every function reads their modules' config);
        // no EMAIL_FROM: these defaults name no sender, so mail is held (test/infra/mail.test.ts).
        APP_URL: expect.any(String),
        DEFAULT_LOCALE: expect.any(String),
        // The dialects served (functions/http/router.ts drops the others' routes): every one by default.
        DIALECTS: DIALECT_NAMES.join(','),
        // Powertools' service and metrics namespace (lib/cabinet-function.ts), the orphan age (lib/operations.ts).
        POWERTOOLS_SERVICE_NAME: 'cabinet',
        POWERTOOLS_METRICS_NAMESPACE: 'Cabinet',
        ORPHAN_MIN_AGE_SECONDS: '15',
        HOSTED_LOGIN_URL: expect.anything(),
        WEB_CLIENT_ID: webClient,
        TABLE_NAME: fromData({ Ref: dataIds.table }),
        USER_POOL_ID: fromData({ Ref: dataIds.pool }),
        USER_POOL_CLIENT_ID: apiClient,
        TOKEN_AUDIENCES: { 'Fn::Join': ['', [apiClient, ',', webClient]] },
        TOKEN_ISSUER: {
          'Fn::Join': ['', ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.amazonaws.com/', fromData({ Ref: dataIds.pool })]],
        },
        // Webhook delivery (lib/webhooks.ts): the real schedule, never a loopback receiver.
        WEBHOOK_RETRY_SCHEDULE: 'real',
        WEBHOOK_ALLOW_LOOPBACK_HTTP: 'false',
        WEBHOOK_CLAIM_SECONDS: '90',
      });
      // The client secret is in no variable: the sessions function reads it from Cognito (DescribeUserPoolClient).
      expect(JSON.stringify(variables)).not.toMatch(/secret/i);
    }
  });

  it('attaches no managed policy (no AWSLambdaBasicExecutionRole): a role may write only its own log group', () => {
    for (const role of Object.values(resourcesOf(template, 'AWS::IAM::Role'))) {
      expect(role.Properties?.ManagedPolicyArns).toBeUndefined();
      expect(role.Properties?.Policies).toBeUndefined();
    }
    for (const name of functionNames) {
      const logStatements = statementsOf(name).filter((statement) => actionsOf([statement]).some((a) => a.startsWith('logs:')));
      expect(logStatements).toHaveLength(1);
      expect(actionsOf(logStatements).sort()).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
      expect(logStatements[0]?.Resource).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/Logs/), 'Arn'] });
    }
  });
});

// What each function may do, written out: the union of its routes' access, in exact actions.
const READ = ['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query'];
const READ_WRITE = [...READ, 'dynamodb:ConditionCheckItem', 'dynamodb:DeleteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'];
// AdminGetUser: an orphan left by a crash is recognised by its creation date (use-cases/accounts.ts).
const CREATE_ACCOUNTS = [
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminDeleteUser',
  'cognito-idp:AdminGetUser',
  'cognito-idp:AdminSetUserPassword',
];
const EXPECTED: Record<FunctionName, { table: string[]; cognito: string[] }> = {
  system: { table: [], cognito: [] },
  // Proving an address sets Cognito's email_verified (AdminUpdateUserAttributes); signing out everywhere, a password
  // change or reset end every Cognito session of the person (AdminUserGlobalSignOut).
  sessions: {
    table: READ_WRITE,
    cognito: [
      ...CREATE_ACCOUNTS,
      'cognito-idp:AdminUpdateUserAttributes',
      'cognito-idp:AdminUserGlobalSignOut',
      'cognito-idp:DescribeUserPoolClient',
    ],
  },
  'member-read': { table: READ, cognito: [] },
  'member-write': { table: READ_WRITE, cognito: [] },
  // A person's new address reaches Cognito's copy (AdminUpdateUserAttributes). No BatchWriteItem: deleting an
  // organisation is the deletion worker's (lib/operations.ts).
  'account-admin': {
    table: READ_WRITE,
    cognito: [...CREATE_ACCOUNTS, 'cognito-idp:AdminUpdateUserAttributes'],
  },
  // A platform operator creates a person's account in any organisation (POST /api/platform/organisations/{id}/members).
  platform: { table: READ_WRITE, cognito: CREATE_ACCOUNTS },
};

describe('CabinetApi least privilege, per function', () => {
  const ofService = (name: FunctionName, prefix: string) =>
    statementsOf(name).filter((statement) => actionsOf([statement]).some((action) => action.startsWith(prefix)));

  it.each(functionNames)('%s may call exactly its routes’ DynamoDB actions, on the table, and Query on gsi1 by name', (name) => {
    const dynamo = ofService(name, 'dynamodb:');
    const expected = EXPECTED[name].table;
    if (expected.length === 0) {
      expect(dynamo).toEqual([]);
      return;
    }
    const onTable = dynamo.filter((statement) => JSON.stringify(statement.Resource) === JSON.stringify(tableArn));
    const onIndex = dynamo.filter((statement) => statement !== onTable[0]);
    expect(onTable).toHaveLength(1);
    expect(actionsOf(onTable).sort()).toEqual([...expected].sort());
    expect(onIndex).toEqual([{ Effect: 'Allow', Action: 'dynamodb:Query', Resource: { 'Fn::Join': ['', [tableArn, `/index/${GSI1}`]] } }]);
  });

  it.each(functionNames)('%s may call exactly its routes’ Cognito actions, on the user pool only', (name) => {
    const cognito = ofService(name, 'cognito-idp:');
    expect(actionsOf(cognito).sort()).toEqual([...EXPECTED[name].cognito].sort());
    for (const statement of cognito) expect(statement.Resource).toEqual(poolArn);
  });

  it.each(functionNames)('%s is granted nothing else: no Scan, stream, DescribeTable, unevaluated Cognito action or wildcard', (name) => {
    const statements = statementsOf(name);
    const actions = actionsOf(statements);
    // ses:SendEmail only where a route sends e-mail, and never while mail is held: these defaults name no sender
    // (test/infra/mail.test.ts checks the grant and its scope when one is configured).
    expect(actions.filter((action) => !/^(logs|dynamodb|cognito-idp):/.test(action))).toEqual([]);
    expect(actions.filter((action) => /^dynamodb:(Scan|\w*Stream\w*|GetRecords|GetShardIterator|DescribeTable)$|\*/.test(action))).toEqual(
      [],
    );
    // IAM does not evaluate these (the client secret authorises them): a grant would only look like a control.
    expect(actions.filter((action) => /InitiateAuth|RespondToAuthChallenge/.test(action))).toEqual([]);
    for (const statement of statements.filter((candidate) => !actionsOf([candidate]).includes('ses:SendEmail'))) {
      expect(statement.Effect).toBe('Allow');
      expect(JSON.stringify(statement.Resource)).not.toMatch(/"\*"|\/\*"/);
    }
  });

  it('lets only the sessions function read the api client’s secret', () => {
    const readers = functionNames.filter((name) => actionsOf(statementsOf(name)).includes('cognito-idp:DescribeUserPoolClient'));
    expect(readers).toEqual(['sessions']);
  });
});

describe('CabinetApi stage', () => {
  it('is the auto-deployed $default stage, throttled per route by default (4,000 rps, burst 2,000) and logging access to a log group', () => {
    const accessLogs = Object.entries(resourcesOf(template, 'AWS::Logs::LogGroup')).find(([id]) => id.startsWith('AccessLogs'));
    expect(accessLogs?.[1].Properties?.RetentionInDays).toBe(30);
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 4000, ThrottlingBurstLimit: 2000 },
      AccessLogSettings: {
        DestinationArn: { 'Fn::GetAtt': [accessLogs?.[0], 'Arn'] },
        Format: Match.stringLikeRegexp('"\\$context\\.requestId"'),
      },
    });
  });

  it("allows CORS for the origins given in context and the web console's own, only", () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      ProtocolType: 'HTTP',
      CorsConfiguration: Match.objectLike({
        AllowOrigins: [TEST_CONTEXT.corsOrigins, Match.anyValue()],
        AllowHeaders: Match.arrayWith(['authorization', 'content-type']),
      }),
    });
    const [api] = Object.values(template.findResources('AWS::ApiGatewayV2::Api')) as {
      Properties: { CorsConfiguration: { AllowOrigins: unknown[] } };
    }[];
    const [, consoleOrigin] = api ? api.Properties.CorsConfiguration.AllowOrigins : [];
    // https:// and the console distribution's domain name (CabinetConsole's output, lib/console.ts).
    expect(JSON.stringify(consoleOrigin)).toMatch(
      /^\{"Fn::Join":\["",\["https:\/\/",\{"Fn::GetStackOutput":\{"StackName":"CabinetConsole".*DomainName/,
    );
  });
});

describe('CabinetApi outputs', () => {
  const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;

  it('publishes ApiUrl, UserPoolId, UserPoolClientId, HostedLoginUrl and TableName', () => {
    expect(Object.keys(outputs)).toEqual(
      expect.arrayContaining(['ApiUrl', 'UserPoolId', 'UserPoolClientId', 'HostedLoginUrl', 'TableName']),
    );
    expect(outputs.UserPoolId?.Value).toEqual(fromData({ Ref: dataIds.pool }));
    expect(outputs.UserPoolClientId?.Value).toEqual(fromData({ Ref: clientId('api') }));
    expect(outputs.TableName?.Value).toEqual(fromData({ Ref: dataIds.table }));
  });

  it("points HostedLoginUrl at the web client's code flow, returning to the first callback URL", () => {
    const url = JSON.stringify(outputs.HostedLoginUrl?.Value);
    expect(url).toContain('/login?client_id=');
    expect(url).toContain(JSON.stringify({ Ref: clientId('web') }));
    expect(url).toContain(`response_type=code&redirect_uri=${encodeURIComponent('https://app.cabinet.test/auth/callback')}`);
  });
});

/** An app client's logical id: the api client is CabinetData's, the web client CabinetApi's. */
function clientId(name: string): string {
  const entry = Object.entries({
    ...resourcesOf(dataTemplate, 'AWS::Cognito::UserPoolClient'),
    ...resourcesOf(template, 'AWS::Cognito::UserPoolClient'),
  }).find(([, client]: [string, CfnResource]) => client.Properties?.ClientName === name);
  if (!entry) throw new Error(`No app client named ${name}`);
  return entry[0];
}
