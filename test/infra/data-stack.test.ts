// CabinetData's template: the table, the user pool and its clients, hosted login and the pre-token trigger.
import { readdirSync, readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { TABLE_DEFINITION } from '#core/table';
import { PASSWORD_MIN_LENGTH } from '#schemas/common';
import { StatefulStack, validateDomainPrefix } from '../../lib/stateful-stack.ts';
import { UNUSED_PUBLIC_OPERATIONS } from '../../lib/waf.ts';
import {
  actionsOf,
  asArray,
  cdkJsonContext,
  logicalIdOf,
  resourcesOf,
  roleOf,
  statementsOfRole,
  synthesizeCabinet,
  TEST_CONTEXT,
} from './cabinet-app.ts';

const { dataTemplate: template, apiTemplate } = synthesizeCabinet();
const tableId = logicalIdOf(template, 'AWS::DynamoDB::Table');
const poolId = logicalIdOf(template, 'AWS::Cognito::UserPool');
// The api client is CabinetData's; the web client CabinetApi's (lib/web-client.ts: its URLs follow the API).
const clients = [template, apiTemplate].flatMap((stackTemplate) =>
  Object.values(resourcesOf(stackTemplate, 'AWS::Cognito::UserPoolClient')),
);
const client = (name: string) => {
  const found = clients.find((candidate) => candidate.Properties?.ClientName === name);
  if (!found) throw new Error(`No app client named ${name}`);
  return found.Properties ?? {};
};
// Every attribute Cognito defines itself; anything else in a pool schema would be a custom attribute.
const STANDARD_ATTRIBUTES = new Set([
  'address',
  'birthdate',
  'email',
  'email_verified',
  'family_name',
  'gender',
  'given_name',
  'locale',
  'middle_name',
  'name',
  'nickname',
  'phone_number',
  'phone_number_verified',
  'picture',
  'preferred_username',
  'profile',
  'updated_at',
  'website',
  'zoneinfo',
]);

describe('CabinetData table', () => {
  const { partitionKey, sortKey, globalSecondaryIndexes, timeToLiveAttribute } = TABLE_DEFINITION;

  it('expires short-lived items (rate-limit counters) through TTL on its own attribute, ttl, never a business field', () => {
    expect(timeToLiveAttribute).toBe('ttl');
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      TimeToLiveSpecification: { AttributeName: timeToLiveAttribute, Enabled: true },
    });
  });

  it('is the table functions/core/table.ts defines: pk/sk strings, per-request billing, gsi1 (gsi1pk/gsi1sk, all attributes)', () => {
    expect([partitionKey, sortKey, globalSecondaryIndexes.map((index) => index.indexName)]).toEqual(['pk', 'sk', ['gsi1']]);
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: partitionKey, KeyType: 'HASH' },
        { AttributeName: sortKey, KeyType: 'RANGE' },
      ],
      AttributeDefinitions: Match.arrayEquals([
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
        { AttributeName: 'gsi1pk', AttributeType: 'S' },
        { AttributeName: 'gsi1sk', AttributeType: 'S' },
      ]),
      BillingMode: TABLE_DEFINITION.billingMode,
      GlobalSecondaryIndexes: globalSecondaryIndexes.map((index) => ({
        IndexName: index.indexName,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: index.projection },
      })),
    });
  });

  it('has point-in-time recovery, encryption with the AWS managed key and deletion protection', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      // SSEEnabled without a key ARN means the AWS managed key (alias/aws/dynamodb).
      SSESpecification: { SSEEnabled: true, KMSMasterKeyId: Match.absent() },
      DeletionProtectionEnabled: true,
    });
  });

  it('is retained when removed from the stack or replaced', () => {
    template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });
});

describe('CabinetData user pool', () => {
  it('uses the API password policy: PASSWORD_MIN_LENGTH and all four character classes', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      Policies: {
        PasswordPolicy: {
          MinimumLength: PASSWORD_MIN_LENGTH,
          RequireUppercase: true,
          RequireLowercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        },
      },
    });
  });

  it('refuses self sign-up and signs in case-insensitively', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      UsernameConfiguration: { CaseSensitive: false },
    });
  });

  it('declares no custom attribute, and email only as optional', () => {
    const pool = resourcesOf(template, 'AWS::Cognito::UserPool')[poolId];
    const schema = (pool?.Properties?.Schema ?? []) as { Name: string; Required?: boolean }[];
    expect(schema.map((attribute) => attribute.Name).filter((name) => !STANDARD_ATTRIBUTES.has(name))).toEqual([]);
    expect(schema).toContainEqual(expect.objectContaining({ Name: 'email', Required: false }));
  });

  it('offers optional TOTP MFA, recovers by email and is protected from deletion', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'OPTIONAL',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
      DeletionProtection: 'ACTIVE',
    });
    template.hasResource('AWS::Cognito::UserPool', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });
});

describe('CabinetData pre-token-generation trigger', () => {
  const pool = resourcesOf(template, 'AWS::Cognito::UserPool')[poolId];
  const triggerArn = (pool?.Properties?.LambdaConfig as { PreTokenGeneration?: { 'Fn::GetAtt': [string, string] } })?.PreTokenGeneration;
  const triggerId = triggerArn?.['Fn::GetAtt'][0] ?? '';
  const trigger = resourcesOf(template, 'AWS::Lambda::Function')[triggerId];

  it("is a function of this stack, wired as the pool's PreTokenGeneration (V1) trigger", () => {
    expect(triggerArn).toEqual({ 'Fn::GetAtt': [triggerId, 'Arn'] });
    expect(trigger).toBeDefined();
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': [triggerId, 'Arn'] },
      Principal: 'cognito-idp.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': [poolId, 'Arn'] },
    });
  });

  it('knows the table by name and may only read it: GetItem, BatchGetItem, Query (and Query on gsi1), nothing else', () => {
    expect(trigger?.Properties?.Environment).toEqual({ Variables: expect.objectContaining({ TABLE_NAME: { Ref: tableId } }) });
    const statements = statementsOfRole(template, roleOf(trigger ?? { Type: '' }));
    const dynamo = statements.filter((statement) => actionsOf([statement]).some((action) => action.startsWith('dynamodb:')));
    expect(dynamo).toEqual([
      {
        Effect: 'Allow',
        Action: ['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query'],
        Resource: { 'Fn::GetAtt': [tableId, 'Arn'] },
      },
      { Effect: 'Allow', Action: 'dynamodb:Query', Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [tableId, 'Arn'] }, '/index/gsi1']] } },
    ]);
    expect(
      actionsOf(statements)
        .filter((action) => !action.startsWith('dynamodb:'))
        .sort(),
    ).toEqual(['cognito-idp:ListUserPoolClients', 'logs:CreateLogStream', 'logs:PutLogEvents']);
  });

  it("may list this pool's app clients (their names; no secret), in a policy the function does not wait for (no cycle)", () => {
    const statements = statementsOfRole(template, roleOf(trigger ?? { Type: '' }));
    expect(statements.filter((statement) => actionsOf([statement]).some((action) => action.startsWith('cognito-idp:')))).toEqual([
      { Effect: 'Allow', Action: 'cognito-idp:ListUserPoolClients', Resource: { 'Fn::GetAtt': [poolId, 'Arn'] } },
    ]);
    // The pool waits for the function (LambdaConfig); the policy names the pool: the function must not wait for it.
    const [policyId] = Object.entries(resourcesOf(template, 'AWS::IAM::Policy')).find(([, policy]) =>
      JSON.stringify(policy.Properties?.PolicyDocument).includes('ListUserPoolClients'),
    ) ?? [''];
    expect(asArray((trigger as { DependsOn?: string | string[] } | undefined)?.DependsOn ?? [])).not.toContain(policyId);
  });
});

describe('CabinetData app clients', () => {
  it('api: a client secret (only the API signs in through it), USER_PASSWORD_AUTH plus refresh, no OAuth, hidden user existence, 1 h ID / 30 d refresh tokens', () => {
    expect(client('api')).toMatchObject({
      GenerateSecret: true,
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      AllowedOAuthFlowsUserPoolClient: false,
      PreventUserExistenceErrors: 'ENABLED',
      IdTokenValidity: 60,
      RefreshTokenValidity: 30 * 24 * 60,
      TokenValidityUnits: { IdToken: 'minutes', RefreshToken: 'minutes' },
    });
    expect(client('api').AllowedOAuthFlows).toBeUndefined();
  });

  it('web: no direct sign-in flow (refresh only: the hosted login signs in), so its public id signs nobody in at Cognito', () => {
    expect(client('web').ExplicitAuthFlows).toEqual(['ALLOW_REFRESH_TOKEN_AUTH']);
    // Not aws.cognito.signin.user.admin: its access tokens cannot call DeleteUser, ChangePassword or the MFA settings.
    expect(client('web').AllowedOAuthScopes).not.toContain('aws.cognito.signin.user.admin');
    // Classic hosted UI (no managed login version): it signs in whatever the client's ExplicitAuthFlows say.
    for (const domain of Object.values(resourcesOf(template, 'AWS::Cognito::UserPoolDomain'))) {
      expect(domain.Properties?.ManagedLoginVersion).toBeUndefined();
    }
  });

  it('web: authorization code flow only, OpenID scopes, and the callback/logout URLs from context', () => {
    expect(client('web')).toMatchObject({
      GenerateSecret: false,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      SupportedIdentityProviders: ['COGNITO'],
      PreventUserExistenceErrors: 'ENABLED',
    });
    expect([...(client('web').AllowedOAuthScopes as string[])].sort()).toEqual(['email', 'openid', 'profile']);
  });

  it.each(['api', 'web'])('%s: reads and writes standard attributes only, and cannot write email', (name) => {
    const { ReadAttributes, WriteAttributes } = client(name) as { ReadAttributes: string[]; WriteAttributes: string[] };
    expect(WriteAttributes.length).toBeGreaterThan(0); // absent would mean "every writable attribute"
    for (const attribute of [...ReadAttributes, ...WriteAttributes]) expect(STANDARD_ATTRIBUTES).toContain(attribute);
    expect(WriteAttributes.filter((attribute) => attribute.startsWith('custom:'))).toEqual([]);
    expect(WriteAttributes).not.toContain('email');
    expect(WriteAttributes).not.toContain('email_verified');
  });
});

describe('CabinetData hosted login domain', () => {
  it('uses the cognitoDomainPrefix from context on this pool', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: TEST_CONTEXT.cognitoDomainPrefix,
      UserPoolId: { Ref: poolId },
    });
  });

  it('defaults to cabinet-dev-<stack id suffix> when the context sets nothing', () => {
    // A lone data stack is enough here and far quicker than the whole app.
    const { callbackUrls: _c, logoutUrls: _l, cognitoDomainPrefix: _d, ...flags } = cdkJsonContext();
    const app = new App({ context: { ...flags, 'aws:cdk:bundling-stacks': [] }, builtinCloudFormationValidation: false });
    const defaults = Template.fromStack(new StatefulStack(app, 'CabinetData'));
    defaults.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: {
        'Fn::Join': [
          '',
          [
            'cabinet-dev-',
            { 'Fn::Select': [4, { 'Fn::Split': ['-', { 'Fn::Select': [2, { 'Fn::Split': ['/', { Ref: 'AWS::StackId' }] }] }] }] },
          ],
        ],
      },
    });
  });
});

describe('the web client (CabinetApi)', () => {
  it('returns to the deployed docs page by default: its OAuth 2 redirect, and the docs page after sign-out (never localhost)', () => {
    const { callbackUrls: _c, logoutUrls: _l, ...withoutUrls } = TEST_CONTEXT;
    const { apiTemplate: defaults } = synthesizeCabinet({ context: withoutUrls });
    const apiId = logicalIdOf(defaults, 'AWS::ApiGatewayV2::Api');
    const endpoint = { 'Fn::GetAtt': [apiId, 'ApiEndpoint'] };
    // The web console's (lib/console.ts) come with them: /console/callback and /console/ on its distribution.
    defaults.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ClientName: 'web',
      CallbackURLs: [consoleUrl('/console/callback'), { 'Fn::Join': ['', [endpoint, '/api/docs/oauth2-redirect.html']] }],
      LogoutURLs: [{ 'Fn::Join': ['', [endpoint, '/api/docs']] }, consoleUrl('/console/')],
    });
    expect(JSON.stringify(defaults.toJSON())).not.toContain('localhost:3000/callback');
    // The hosted-login URL returns to the docs page too, its address encoded as the query parameter it is.
    expect(JSON.stringify((defaults.toJSON().Outputs as Record<string, { Value: unknown }>).HostedLoginUrl?.Value)).toContain(
      `"&response_type=code&redirect_uri=https%3A%2F%2F",{"Ref":"${apiId}"},".execute-api.",{"Ref":"AWS::Region"},".",{"Ref":"AWS::URLSuffix"},"%2Fapi%2Fdocs%2Foauth2-redirect.html"`,
    );
  });

  it("adds the context's callbackUrls before the docs page's redirect, and takes its logoutUrls instead of the docs page", () => {
    const apiId = logicalIdOf(apiTemplate, 'AWS::ApiGatewayV2::Api');
    apiTemplate.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ClientName: 'web',
      CallbackURLs: [
        'https://app.cabinet.test/auth/callback',
        'http://localhost:5173/callback',
        consoleUrl('/console/callback'),
        { 'Fn::Join': ['', [{ 'Fn::GetAtt': [apiId, 'ApiEndpoint'] }, '/api/docs/oauth2-redirect.html']] },
      ],
      LogoutURLs: [TEST_CONTEXT.logoutUrls, consoleUrl('/console/')],
    });
  });
});

/** An address on the console distribution (CabinetConsole's domain name, read by weak reference). */
function consoleUrl(path: string) {
  return {
    'Fn::Join': [
      '',
      [
        'https://',
        { 'Fn::GetStackOutput': Match.objectLike({ StackName: 'CabinetConsole', OutputName: Match.stringLikeRegexp('DomainName') }) },
        path,
      ],
    ],
  };
}

describe('CabinetData evolves on its own', () => {
  it('exports nothing: CabinetApi reads its outputs by weak reference (Fn::GetStackOutput), never Fn::ImportValue', () => {
    const outputs = Object.values(template.toJSON().Outputs as Record<string, { Export?: unknown }>);
    expect(outputs.length).toBeGreaterThan(0);
    for (const output of outputs) expect(output.Export).toBeUndefined();
    const api = JSON.stringify(apiTemplate.toJSON());
    expect(api).not.toContain('Fn::ImportValue');
    expect(api).toContain('Fn::GetStackOutput');
  });

  it('synthesizes a new cognitoDomainPrefix with nothing else of CabinetApi changing but the hosted-login URL', () => {
    const other = synthesizeCabinet({ context: { ...TEST_CONTEXT, cognitoDomainPrefix: 'cabinet-renamed' } });
    other.dataTemplate.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'cabinet-renamed' });
    // Asset keys are placeholders here (bundling is skipped in these tests), so they are left out of the comparison.
    const withoutAssetKeys = (json: unknown) => JSON.parse(JSON.stringify(json).replace(/"S3Key":"[^"]*"/g, '"S3Key":"asset"'));
    const { Outputs: before, ...apiBefore } = withoutAssetKeys(apiTemplate.toJSON()) as { Outputs: Record<string, unknown> };
    const { Outputs: after, ...apiAfter } = withoutAssetKeys(other.apiTemplate.toJSON()) as { Outputs: Record<string, unknown> };
    expect(apiAfter).toEqual(apiBefore);
    expect(Object.keys(after)).toEqual(Object.keys(before));
  });
});

describe('cognitoDomainPrefix validation (Cognito rules, at synth)', () => {
  it.each(['cabinet-prod', 'a', 'x1-2y', 'a'.repeat(63)])('accepts %s', (prefix) => {
    expect(validateDomainPrefix(prefix)).toBe(prefix);
  });

  it.each([
    ['Cabinet-Prod', 'may contain only lowercase letters, digits and hyphens'],
    ['cabinet_prod', 'may contain only lowercase letters, digits and hyphens'],
    ['-cabinet', 'must start and end with a letter or a digit'],
    ['cabinet-', 'must start and end with a letter or a digit'],
    ['', 'must be 1 to 63 characters long'],
    ['a'.repeat(64), 'must be 1 to 63 characters long'],
    ['my-cognito-login', 'must not contain the reserved word cognito'],
    ['aws-amazon', 'must not contain the reserved words aws, amazon'],
  ])('refuses %j: it %s', (prefix, reason) => {
    expect(() => validateDomainPrefix(prefix)).toThrow(reason);
  });

  it('fails the synth with the reason, naming the setting', () => {
    const { callbackUrls: _c, logoutUrls: _l, cognitoDomainPrefix: _d, ...flags } = cdkJsonContext();
    const app = new App({ context: { ...flags, cognitoDomainPrefix: 'Cabinet_Prod', 'aws:cdk:bundling-stacks': [] } });
    expect(() => new StatefulStack(app, 'CabinetData')).toThrow(
      'Invalid cognitoDomainPrefix "Cabinet_Prod": it may contain only lowercase letters, digits and hyphens',
    );
  });
});

describe('CabinetData AWS WAF on the user pool (HTTP APIs cannot take a web ACL: docs/throttling.md)', () => {
  const [aclId, acl] = Object.entries(resourcesOf(template, 'AWS::WAFv2::WebACL'))[0] ?? [];
  type Rule = { Name: string; Priority: number; Action: unknown; Statement: Record<string, any> };
  const rules = (acl?.Properties?.Rules ?? []) as Rule[];
  const rule = (name: string) => rules.find((candidate) => candidate.Name === name);

  it('is one regional web ACL, allowing by default, associated with the user pool', () => {
    expect(Object.keys(resourcesOf(template, 'AWS::WAFv2::WebACL'))).toHaveLength(1);
    expect(acl?.Properties).toMatchObject({ Scope: 'REGIONAL', DefaultAction: { Allow: {} } });
    template.hasResourceProperties('AWS::WAFv2::WebACLAssociation', {
      ResourceArn: { 'Fn::GetAtt': [poolId, 'Arn'] },
      WebACLArn: { 'Fn::GetAtt': [aclId, 'Arn'] },
    });
  });

  it('limits the hosted login per client address (429 past 300 requests in 5 minutes), never the API’s own Cognito calls', () => {
    const limit = rule('HostedLoginPerAddress');
    expect(limit?.Action).toEqual({ Block: { CustomResponse: { ResponseCode: 429 } } });
    expect(limit?.Statement.RateBasedStatement).toMatchObject({ AggregateKeyType: 'IP', Limit: 300, EvaluationWindowSec: 300 });
    // Scoped to requests without x-amz-target: the hosted login's pages and /oauth2/token, not the SDK calls the
    // functions make from Lambda's shared addresses.
    expect(limit?.Statement.RateBasedStatement.ScopeDownStatement).toEqual({
      NotStatement: {
        Statement: {
          SizeConstraintStatement: {
            FieldToMatch: { SingleHeader: { Name: 'x-amz-target' } },
            ComparisonOperator: 'GT',
            Size: 0,
            TextTransformations: [{ Priority: 0, Type: 'NONE' }],
          },
        },
      },
    });
  });

  it('blocks the public Cognito operations Cabinet never calls (ForgotPassword would mail around the API), not those it does', () => {
    const blocked = rule('UnusedPublicOperations');
    expect(blocked?.Action).toEqual({ Block: {} });
    const regex = new RegExp(blocked?.Statement.RegexMatchStatement.RegexString as string);
    expect(blocked?.Statement.RegexMatchStatement.FieldToMatch).toEqual({ SingleHeader: { Name: 'x-amz-target' } });
    for (const operation of ['ForgotPassword', 'ConfirmForgotPassword', 'SignUp', 'ChangePassword', 'DeleteUser', 'UpdateUserAttributes']) {
      expect(regex.test(`AWSCognitoIdentityProviderService.${operation}`), operation).toBe(true);
    }
    // Nothing in the functions sends one of them: no adapter imports their commands.
    const sources = readdirSync('functions/adapters').map((file) => readFileSync(`functions/adapters/${file}`, 'utf8'));
    const commands = new Set(sources.flatMap((source) => [...source.matchAll(/\b(\w+)Command\b/g)].map((match) => match[1])));
    expect(UNUSED_PUBLIC_OPERATIONS.filter((operation) => commands.has(operation))).toEqual([]);
    expect(commands.has('InitiateAuth')).toBe(true);
    // What the API calls with the app clients (functions/adapters/cognito.ts) stays open.
    for (const operation of [
      'InitiateAuth',
      'RespondToAuthChallenge',
      'RevokeToken',
      'AssociateSoftwareToken',
      'VerifySoftwareToken',
      'SetUserMFAPreference',
    ]) {
      expect(regex.test(`AWSCognitoIdentityProviderService.${operation}`), operation).toBe(false);
    }
  });

  it('publishes CloudWatch metrics for itself and each rule', () => {
    for (const candidate of rules) expect(candidate).toMatchObject({ VisibilityConfig: { CloudWatchMetricsEnabled: true } });
  });
});

describe('tableName: adopting an existing table (a point-in-time restore, docs/restore.md)', () => {
  const restored = synthesizeCabinet({ context: { ...TEST_CONTEXT, tableName: 'cabinet-restored-20270115' } });
  const tableArn = {
    'Fn::Join': [
      '',
      [
        'arn:',
        { Ref: 'AWS::Partition' },
        ':dynamodb:',
        { Ref: 'AWS::Region' },
        ':',
        { Ref: 'AWS::AccountId' },
        ':table/cabinet-restored-20270115',
      ],
    ],
  };
  const allFunctions = [restored.dataTemplate, restored.apiTemplate].flatMap((stackTemplate) =>
    Object.values(resourcesOf(stackTemplate, 'AWS::Lambda::Function')),
  );

  it('creates no table (the stack’s own leaves the stack, retained) and names the adopted one in every function', () => {
    expect(resourcesOf(restored.dataTemplate, 'AWS::DynamoDB::Table')).toEqual({});
    // The stack's own table would be retained, not deleted, when it leaves the stack.
    template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain' });
    expect(allFunctions.length).toBeGreaterThan(5);
    for (const fn of allFunctions) {
      expect((fn.Properties?.Environment as { Variables: Record<string, unknown> } | undefined)?.Variables.TABLE_NAME).toBe(
        'cabinet-restored-20270115',
      );
    }
    expect((restored.apiTemplate.toJSON().Outputs as Record<string, { Value: unknown }>).TableName?.Value).toBe(
      'cabinet-restored-20270115',
    );
  });

  it('grants the functions that table and its index by name, and alarms on its metrics', () => {
    const policies = JSON.stringify([restored.dataTemplate, restored.apiTemplate].map((t) => resourcesOf(t, 'AWS::IAM::Policy')));
    expect(policies).toContain(JSON.stringify(tableArn));
    expect(policies).toContain(':table/cabinet-restored-20270115/index/gsi1"');
    const throttles = Object.entries(resourcesOf(restored.apiTemplate, 'AWS::CloudWatch::Alarm')).find(([id]) =>
      id.startsWith('OperationsDynamoDbThrottles'),
    );
    expect(JSON.stringify(throttles?.[1].Properties)).toContain('"Value":"cabinet-restored-20270115"');
  });

  it('warns at synth that the table is not CloudFormation’s to manage, and refuses a name DynamoDB would', () => {
    Annotations.fromStack(restored.data).hasWarning(
      '/CabinetData',
      Match.stringLikeRegexp('existing table cabinet-restored-20270115.*docs/restore.md'),
    );
    expect(() => synthesizeCabinet({ context: { ...TEST_CONTEXT, tableName: 'x' } })).toThrow(/Context tableName must be 3 to 255/);
    expect(() => synthesizeCabinet({ context: { ...TEST_CONTEXT, tableName: 'cabinet restored' } })).toThrow(/Context tableName/);
  });
});
