// CabinetData's template: the table, the user pool and its clients, hosted login and the pre-token trigger.
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { PASSWORD_MIN_LENGTH } from '#schemas/common';
import { StatefulStack } from '../../lib/stateful-stack.ts';
import {
  actionsOf,
  cdkJsonContext,
  logicalIdOf,
  resourcesOf,
  roleOf,
  statementsOfRole,
  synthesizeCabinet,
  TEST_CONTEXT,
} from './cabinet-app.ts';

const { dataTemplate: template } = synthesizeCabinet();
const tableId = logicalIdOf(template, 'AWS::DynamoDB::Table');
const poolId = logicalIdOf(template, 'AWS::Cognito::UserPool');
const clients = Object.values(resourcesOf(template, 'AWS::Cognito::UserPoolClient'));
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
  it('expires short-lived items (rate-limit counters) through TTL on expiresAt', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
  });

  it('keys items by pk/sk strings, bills per request and has gsi1 (gsi1pk/gsi1sk, all attributes)', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: Match.arrayEquals([
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
        { AttributeName: 'gsi1pk', AttributeType: 'S' },
        { AttributeName: 'gsi1sk', AttributeType: 'S' },
      ]),
      BillingMode: 'PAY_PER_REQUEST',
      GlobalSecondaryIndexes: [
        {
          IndexName: 'gsi1',
          KeySchema: [
            { AttributeName: 'gsi1pk', KeyType: 'HASH' },
            { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
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

  it('knows the table by name and may only read it', () => {
    expect(trigger?.Properties?.Environment).toEqual({ Variables: expect.objectContaining({ TABLE_NAME: { Ref: tableId } }) });
    const actions = actionsOf(statementsOfRole(template, roleOf(trigger ?? { Type: '' })));
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query']));
    expect(actions.filter((action) => /^dynamodb:(Put|Update|Delete|BatchWrite)/.test(action))).toEqual([]);
    expect(actions.filter((action) => action.startsWith('cognito-idp:'))).toEqual([]);
  });
});

describe('CabinetData app clients', () => {
  it('api: no secret, USER_PASSWORD_AUTH plus refresh, no OAuth, hidden user existence, 1 h ID / 30 d refresh tokens', () => {
    expect(client('api')).toMatchObject({
      GenerateSecret: false,
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      AllowedOAuthFlowsUserPoolClient: false,
      PreventUserExistenceErrors: 'ENABLED',
      IdTokenValidity: 60,
      RefreshTokenValidity: 30 * 24 * 60,
      TokenValidityUnits: { IdToken: 'minutes', RefreshToken: 'minutes' },
    });
    expect(client('api').AllowedOAuthFlows).toBeUndefined();
  });

  it('web: authorization code flow only, OpenID scopes, and the callback/logout URLs from context', () => {
    expect(client('web')).toMatchObject({
      GenerateSecret: false,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      SupportedIdentityProviders: ['COGNITO'],
      PreventUserExistenceErrors: 'ENABLED',
      CallbackURLs: ['https://app.cabinet.test/auth/callback', 'http://localhost:5173/callback'],
      LogoutURLs: [TEST_CONTEXT.logoutUrls],
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

  it('defaults to cabinet-dev-<stack id suffix> and localhost URLs when the context sets nothing', () => {
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
    defaults.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ClientName: 'web',
      CallbackURLs: ['http://localhost:3000/callback'],
      LogoutURLs: ['http://localhost:3000/'],
    });
  });
});
