// CabinetApi's template: one route and function per routes.ts entry, least-privilege roles, the stage, and outputs.
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { routeList, routes } from '#routes';
import {
  actionsOf,
  type CfnResource,
  exportNameOf,
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
const imported = (value: unknown) => ({ 'Fn::ImportValue': exportNameOf(dataTemplate, value) });
const tableArn = imported({ 'Fn::GetAtt': [dataIds.table, 'Arn'] });
const poolArn = imported({ 'Fn::GetAtt': [dataIds.pool, 'Arn'] });
const WRITE_ACTIONS = /^dynamodb:(PutItem|UpdateItem|DeleteItem|BatchWriteItem)$/;

const statementsOfRoute = (description: string): PolicyStatement[] =>
  statementsOfRole(template, roleOf(functionByDescription(template, description)[1]));
const fallbackDescription = '$default: 404 / 405 for unmatched requests';
/** The mail outbox's sweeper (lib/mail.ts; test/infra/mail.test.ts checks it), the one function that serves no route. */
const sweeperDescription = 'Mail outbox sweeper: retries pending e-mail with backoff, marks it FAILED after the last attempt';
const routeFunctions = routeList.map((route) => ({ route, description: `${route.method} ${route.path}` }));

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

  it('has exactly one route per routes.ts entry plus $default', () => {
    const keys = apiRoutes.map((route) => route.Properties?.RouteKey as string).sort();
    expect(keys).toEqual([...routeList.map((route) => `${route.method} ${route.path}`), '$default'].sort());
  });

  it.each(routeFunctions)('$description invokes its own function', ({ description }) => {
    expect(targetOf(description)).toBe(description);
  });

  it('sends unmatched requests ($default) to the not-found function', () => {
    expect(targetOf('$default')).toBe(fallbackDescription);
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
  const functions = Object.values(resourcesOf(template, 'AWS::Lambda::Function'));
  const logGroups = resourcesOf(template, 'AWS::Logs::LogGroup');

  it('is one function per route plus the fallback and the mail sweeper', () => {
    expect(functions.map((fn) => fn.Properties?.Description).sort()).toEqual(
      [...routeFunctions.map(({ description }) => description), fallbackDescription, sweeperDescription].sort(),
    );
  });

  it("runs every function on nodejs22.x arm64 with 512 MB, its route's timeout (10 s by default), no runtime source-map parsing and its own 30-day log group", () => {
    const timeoutOf = (description: unknown) =>
      description === sweeperDescription
        ? 60
        : (routeList.find((route) => `${route.method} ${route.path}` === description)?.access.timeoutSeconds ?? 10);
    for (const fn of functions) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        MemorySize: 512,
        Timeout: timeoutOf(fn.Properties?.Description),
        Handler: 'index.handler',
        Environment: { Variables: expect.not.objectContaining({ NODE_OPTIONS: expect.anything() }) },
      });
      const logGroup = (fn.Properties as { LoggingConfig: { LogGroup: { Ref: string } } }).LoggingConfig.LogGroup.Ref;
      expect(logGroups[logGroup]?.Properties?.RetentionInDays).toBe(30);
    }
    expect(functions.find((fn) => fn.Properties?.Description === 'DELETE /api/organisations/{id}')?.Properties?.Timeout).toBe(29);
  });

  it('gives every API function the table name and the token settings (issuer, audiences: api and web clients)', () => {
    const apiClient = imported({ Ref: clientId('api') });
    const webClient = imported({ Ref: clientId('web') });
    for (const fn of functions.filter((candidate) => candidate.Properties?.Description !== sweeperDescription)) {
      expect((fn.Properties as { Environment: { Variables: Record<string, unknown> } }).Environment.Variables).toMatchObject({
        TABLE_NAME: imported({ Ref: dataIds.table }),
        USER_POOL_ID: imported({ Ref: dataIds.pool }),
        USER_POOL_CLIENT_ID: apiClient,
        TOKEN_AUDIENCES: { 'Fn::Join': ['', [apiClient, ',', webClient]] },
        TOKEN_ISSUER: {
          'Fn::Join': ['', ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.amazonaws.com/', imported({ Ref: dataIds.pool })]],
        },
        // The docs page's Authorize: the hosted login's domain and the web client.
        HOSTED_LOGIN_URL: { 'Fn::Join': ['', ['https://', expect.anything(), '.auth.', { Ref: 'AWS::Region' }, '.amazoncognito.com']] },
        WEB_CLIENT_ID: webClient,
      });
    }
  });

  it('attaches no managed policy (no AWSLambdaBasicExecutionRole): a role may write only its own log group', () => {
    for (const role of Object.values(resourcesOf(template, 'AWS::IAM::Role'))) {
      expect(role.Properties?.ManagedPolicyArns).toBeUndefined();
      expect(role.Properties?.Policies).toBeUndefined();
    }
    for (const { description } of routeFunctions) {
      const logStatements = statementsOfRoute(description).filter((statement) => actionsOf([statement]).some((a) => a.startsWith('logs:')));
      expect(logStatements).toHaveLength(1);
      expect(logStatements[0]?.Resource).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/Logs/), 'Arn'] });
    }
  });
});

describe('CabinetApi least privilege', () => {
  it.each(routeFunctions.filter(({ route }) => !route.access.cognito?.length))('$description has no Cognito action', ({ description }) => {
    expect(actionsOf(statementsOfRoute(description)).filter((action) => action.startsWith('cognito-idp:'))).toEqual([]);
  });

  it.each(routeFunctions.filter(({ route }) => route.access.cognito?.length))(
    "$description may call exactly its route's Cognito actions, on the user pool only",
    ({ route, description }) => {
      const cognito = statementsOfRoute(description).filter((statement) =>
        actionsOf([statement]).some((a) => a.startsWith('cognito-idp:')),
      );
      expect(cognito).toHaveLength(1);
      expect([...actionsOf(cognito)].sort()).toEqual([...(route.access.cognito ?? [])].sort());
      expect(cognito[0]?.Resource).toEqual(poolArn);
    },
  );

  it('register-cabinet may call exactly AdminCreateUser, AdminSetUserPassword, AdminDeleteUser and InitiateAuth', () => {
    const cognito = actionsOf(statementsOfRoute(`${routes.registerCabinet.method} ${routes.registerCabinet.path}`)).filter((action) =>
      action.startsWith('cognito-idp:'),
    );
    expect(cognito.sort()).toEqual([...routes.registerCabinet.access.cognito].sort());
  });

  it.each(routeFunctions.filter(({ route }) => route.access.table === 'read'))(
    '$description may read the table (and its indexes) but not write it',
    ({ description }) => {
      const actions = actionsOf(statementsOfRoute(description));
      expect(actions).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query']));
      expect(actions.filter((action) => WRITE_ACTIONS.test(action))).toEqual([]);
    },
  );

  it.each(routeFunctions.filter(({ route }) => route.access.table === 'readWrite'))(
    '$description may read and write the table only',
    ({ description }) => {
      const dynamo = statementsOfRoute(description).filter((statement) => actionsOf([statement]).some((a) => a.startsWith('dynamodb:')));
      expect(actionsOf(dynamo)).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']));
      for (const statement of dynamo) {
        expect(statement.Resource).toEqual([tableArn, { 'Fn::Join': ['', [tableArn, '/index/*']] }]);
      }
    },
  );

  it.each([...routeFunctions.filter(({ route }) => !route.access.table), { description: fallbackDescription }])(
    '$description has no DynamoDB permission',
    ({ description }) => {
      expect(actionsOf(statementsOfRoute(description)).filter((action) => action.startsWith('dynamodb:'))).toEqual([]);
    },
  );
});

describe('CabinetApi stage', () => {
  it('is the auto-deployed $default stage, throttled (50 rps, burst 100) and logging access to a log group', () => {
    const accessLogs = Object.entries(resourcesOf(template, 'AWS::Logs::LogGroup')).find(([id]) => id.startsWith('AccessLogs'));
    expect(accessLogs?.[1].Properties?.RetentionInDays).toBe(30);
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      AccessLogSettings: {
        DestinationArn: { 'Fn::GetAtt': [accessLogs?.[0], 'Arn'] },
        Format: Match.stringLikeRegexp('"\\$context\\.requestId"'),
      },
    });
  });

  it('allows CORS for the origins given in context only', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      ProtocolType: 'HTTP',
      CorsConfiguration: Match.objectLike({
        AllowOrigins: [TEST_CONTEXT.corsOrigins],
        AllowHeaders: Match.arrayWith(['authorization', 'content-type']),
      }),
    });
  });
});

describe('CabinetApi outputs', () => {
  const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;

  it('publishes ApiUrl, UserPoolId, UserPoolClientId, HostedLoginUrl and TableName', () => {
    expect(Object.keys(outputs)).toEqual(
      expect.arrayContaining(['ApiUrl', 'UserPoolId', 'UserPoolClientId', 'HostedLoginUrl', 'TableName']),
    );
    expect(outputs.UserPoolId?.Value).toEqual(imported({ Ref: dataIds.pool }));
    expect(outputs.UserPoolClientId?.Value).toEqual(imported({ Ref: clientId('api') }));
    expect(outputs.TableName?.Value).toEqual(imported({ Ref: dataIds.table }));
  });

  it("publishes the docs page's OAuth 2 redirect URL, to add to the callback URLs", () => {
    expect(JSON.stringify(outputs.DocsOAuthRedirectUrl?.Value)).toMatch(/api\/docs\/oauth2-redirect\.html"\]\]\}$/);
  });

  it("points HostedLoginUrl at the web client's code flow, returning to the first callback URL", () => {
    const url = JSON.stringify(outputs.HostedLoginUrl?.Value);
    expect(url).toContain('/login?client_id=');
    expect(url).toContain(JSON.stringify(imported({ Ref: clientId('web') })));
    expect(url).toContain(`response_type=code&redirect_uri=${encodeURIComponent('https://app.cabinet.test/auth/callback')}`);
  });
});

function clientId(name: string): string {
  const entry = Object.entries(resourcesOf(dataTemplate, 'AWS::Cognito::UserPoolClient')).find(
    ([, client]: [string, CfnResource]) => client.Properties?.ClientName === name,
  );
  if (!entry) throw new Error(`No app client named ${name}`);
  return entry[0];
}
