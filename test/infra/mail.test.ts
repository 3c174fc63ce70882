// E-mail in the templates (lib/mail.ts): the settings from context in every API function, ses:SendEmail only for
// the functions that send and only on the sending identity, the sweeper on its schedule, the user pool's mail
// through SES, and a synth that stops on a malformed setting. Then the sender's life cycle: no sender (Cognito's own
// mail, the API's held), an identity the stack creates (domain with its DKIM records, or address) with its
// configuration set, held until it is said to be verified, then sent through.
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { accessOf, functionNames, routeList } from '#routes';
import { functionDescription } from '../../lib/api-stack.ts';
import {
  actionsOf,
  asArray,
  type CfnResource,
  functionByDescription,
  logicalIdOf,
  type PolicyStatement,
  resourcesOf,
  roleOf,
  statementsOfRole,
  synthesizeCabinet,
  TEST_CONTEXT,
} from './cabinet-app.ts';

const MAIL_CONTEXT = {
  ...TEST_CONTEXT,
  emailFrom: 'Cabinet Santé <notifications@mail.cabinet.test>',
  appUrl: 'https://app.cabinet.test/',
  sesIdentity: 'mail.cabinet.test',
  sesConfigurationSet: 'cabinet-transactional',
  defaultLocale: 'en',
} as const;

const { apiTemplate: template, dataTemplate } = synthesizeCabinet({ context: MAIL_CONTEXT });
const SWEEPER = 'Mail outbox sweeper: retries pending e-mail with backoff, marks it FAILED after the last attempt';
const arn = (resource: string) => ({
  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ses:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, `:${resource}`]],
});
/** Resources in a stable order (CDK's policy minimisation may reorder them). */
const sorted = (resources: unknown) =>
  asArray(resources)
    .map((resource) => JSON.stringify(resource))
    .sort();
const statementsOf = (description: string): PolicyStatement[] =>
  statementsOfRole(template, roleOf(functionByDescription(template, description)[1]));
const sesStatements = (description: string) =>
  statementsOf(description).filter((statement) => actionsOf([statement]).some((action) => action.startsWith('ses:')));

describe('mail settings', () => {
  it('gives every function the From address, the app URL, the default locale and the configuration set from context', () => {
    for (const fn of Object.values(resourcesOf(template, 'AWS::Lambda::Function'))) {
      expect((fn.Properties as { Environment: { Variables: Record<string, unknown> } }).Environment.Variables).toMatchObject({
        EMAIL_FROM: MAIL_CONTEXT.emailFrom,
        APP_URL: 'https://app.cabinet.test',
        DEFAULT_LOCALE: 'en',
        SES_CONFIGURATION_SET: 'cabinet-transactional',
      });
    }
  });

  it('refuses a malformed emailFrom or appUrl at synth, naming the key', () => {
    expect(() => synthesizeCabinet({ context: { ...MAIL_CONTEXT, emailFrom: 'not an address' } })).toThrow(/Context emailFrom/);
    expect(() => synthesizeCabinet({ context: { ...MAIL_CONTEXT, appUrl: 'ftp://x' } })).toThrow(/Context appUrl/);
    expect(() => synthesizeCabinet({ context: { ...MAIL_CONTEXT, sesIdentity: 'other.test' } })).toThrow(/Context sesIdentity/);
  });
});

describe('ses:SendEmail', () => {
  const sendingRoutes = routeList.filter((route) => route.access.email).map((route) => `${route.method} ${route.path}`);
  // Routes are served by their privilege class's function (docs/adr/0005): the grant goes to the functions holding them.
  const senders = functionNames.filter((name) => accessOf(name).email).map(functionDescription);

  it('is granted to the functions of the routes that send right after their commit, and to the sweeper', () => {
    expect(sendingRoutes).toEqual(
      expect.arrayContaining([
        'POST /api/auth/register-cabinet',
        'POST /api/auth/register',
        'POST /api/auth/join-organisation',
        'POST /api/auth/verify-email/resend',
        'POST /api/organisations/{id}/invitations',
        'POST /api/organisations/{id}/join-requests/{userId}/approve',
        'POST /api/organisations/{id}/join-requests/{userId}/reject',
        'POST /api/platform/organisations',
      ]),
    );
    for (const description of [...senders, SWEEPER]) {
      const statements = sesStatements(description);
      expect(statements).toHaveLength(1);
      expect(asArray(statements[0]?.Action)).toEqual(['ses:SendEmail']);
      // Only the sending identity and the configuration set: never '*'.
      expect(sorted(statements[0]?.Resource)).toEqual(
        sorted([arn('identity/mail.cabinet.test'), arn('configuration-set/cabinet-transactional')]),
      );
    }
  });

  it('is granted to no other function', () => {
    const others = functionNames.filter((name) => !accessOf(name).email).map(functionDescription);
    expect(others.length).toBeGreaterThan(0);
    for (const description of others) expect(sesStatements(description)).toEqual([]);
  });
});

describe('the mail sweeper', () => {
  const [sweeperId, sweeper] = functionByDescription(template, SWEEPER);

  it('runs functions/mail/sweeper.ts with the table (read and write) and no Cognito action', () => {
    const actions = actionsOf(statementsOf(SWEEPER));
    expect(actions).toEqual(
      expect.arrayContaining(['dynamodb:Query', 'dynamodb:UpdateItem', 'dynamodb:BatchGetItem', 'dynamodb:BatchWriteItem']),
    );
    expect(actions.filter((action) => action.startsWith('cognito-idp:'))).toEqual([]);
    expect(sweeper.Properties?.Timeout).toBe(60);
  });

  it('is invoked every minute by an EventBridge rule, and only by it', () => {
    // The account sweeper has its own rule (test/infra/operations.test.ts).
    const rules = Object.values(resourcesOf(template, 'AWS::Events::Rule')).filter((rule) =>
      JSON.stringify(rule.Properties?.Targets).includes(sweeperId),
    );
    expect(rules).toHaveLength(1);
    expect(rules[0]?.Properties).toMatchObject({
      ScheduleExpression: 'rate(1 minute)',
      State: 'ENABLED',
      Targets: [expect.objectContaining({ Arn: { 'Fn::GetAtt': [sweeperId, 'Arn'] }, RetryPolicy: { MaximumRetryAttempts: 0 } })],
    });
    const permissions = Object.values(resourcesOf(template, 'AWS::Lambda::Permission')).filter(
      (permission: CfnResource) =>
        JSON.stringify(permission.Properties?.FunctionName) === JSON.stringify({ 'Fn::GetAtt': [sweeperId, 'Arn'] }),
    );
    expect(permissions.map((permission) => permission.Properties?.Principal)).toEqual(['events.amazonaws.com']);
  });
});

describe("the user pool's own mail", () => {
  it('goes through SES from the same identity and configuration set', () => {
    const pool = resourcesOf(dataTemplate, 'AWS::Cognito::UserPool')[logicalIdOf(dataTemplate, 'AWS::Cognito::UserPool')];
    expect(pool?.Properties?.EmailConfiguration).toEqual({
      EmailSendingAccount: 'DEVELOPER',
      From: '=?UTF-8?B?Q2FiaW5ldCBTYW50w6k=?= <notifications@mail.cabinet.test>',
      ConfigurationSet: 'cabinet-transactional',
      SourceArn: arn('identity/mail.cabinet.test'),
    });
  });
});

const poolEmail = (data: typeof dataTemplate) =>
  resourcesOf(data, 'AWS::Cognito::UserPool')[logicalIdOf(data, 'AWS::Cognito::UserPool')]?.Properties?.EmailConfiguration;
const variablesOf = (api: typeof template) =>
  Object.values(resourcesOf(api, 'AWS::Lambda::Function')).map(
    (fn) => (fn.Properties as { Environment: { Variables: Record<string, unknown> } }).Environment.Variables,
  );
const sesActions = (api: typeof template) =>
  Object.values(resourcesOf(api, 'AWS::IAM::Policy')).flatMap((policy) =>
    actionsOf((policy.Properties as { PolicyDocument: { Statement: PolicyStatement[] } }).PolicyDocument.Statement).filter((action) =>
      action.startsWith('ses:'),
    ),
  );
/** CabinetData's output `name`, as CabinetApi reads it (a weak reference). */
const viaData = (data: typeof dataTemplate, value: unknown) => {
  const outputs = Object.entries(data.toJSON().Outputs as Record<string, { Value: unknown }>);
  const output = outputs.find(([, candidate]) => JSON.stringify(candidate.Value) === JSON.stringify(value));
  return { 'Fn::GetStackOutput': { StackName: 'CabinetData', Region: { Ref: 'AWS::Region' }, OutputName: output?.[0] } };
};

describe('no sender (cdk.json names none: synth works offline)', () => {
  const defaults = synthesizeCabinet();

  it("leaves Cognito's messages to Cognito's own e-mail and creates no SES resource", () => {
    expect(poolEmail(defaults.dataTemplate)).toEqual({ EmailSendingAccount: 'COGNITO_DEFAULT' });
    for (const type of ['AWS::SES::EmailIdentity', 'AWS::SES::ConfigurationSet']) {
      expect(resourcesOf(defaults.dataTemplate, type)).toEqual({});
    }
  });

  it("holds the API's mail: no function has EMAIL_FROM (mail/delivery.ts then holds every job), none may send", () => {
    for (const variables of variablesOf(defaults.apiTemplate)) {
      expect(variables).not.toHaveProperty('EMAIL_FROM');
      expect(variables).toMatchObject({ APP_URL: 'http://localhost:3000', DEFAULT_LOCALE: 'fr' });
    }
    expect(sesActions(defaults.apiTemplate)).toEqual([]);
  });

  it('warns at synth, and the EmailsHeld alarm watches the held mail', () => {
    Annotations.fromStack(defaults.data).hasWarning('/CabinetData/Mail', Match.stringLikeRegexp('No e-mail sender \\(-c emailFrom'));
    const held = Object.entries(resourcesOf(defaults.apiTemplate, 'AWS::CloudWatch::Alarm')).find(([id]) =>
      id.startsWith('OperationsEmailsHeld'),
    );
    expect(held?.[1].Properties).toMatchObject({
      Namespace: 'Cabinet',
      MetricName: 'EmailsHeld',
      Statistic: 'Maximum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });

  it('refuses SES settings without a sender', () => {
    expect(() => synthesizeCabinet({ context: { ...TEST_CONTEXT, sesIdentity: 'cabinet.test' } })).toThrow(
      /Context sesIdentity needs emailFrom/,
    );
    expect(() => synthesizeCabinet({ context: { ...TEST_CONTEXT, sesIdentityVerified: 'true' } })).toThrow(
      /sesIdentityVerified needs emailFrom/,
    );
  });
});

describe('a sender whose SES identity the stack creates', () => {
  const DOMAIN_SENDER = { ...TEST_CONTEXT, emailFrom: 'Cabinet <no-reply@mail.cabinet.test>' };
  const created = synthesizeCabinet({ context: DOMAIN_SENDER });
  const verified = synthesizeCabinet({ context: { ...DOMAIN_SENDER, sesIdentityVerified: 'true' } });
  const setId = logicalIdOf(created.dataTemplate, 'AWS::SES::ConfigurationSet');
  const identityId = logicalIdOf(created.dataTemplate, 'AWS::SES::EmailIdentity');

  it("is a domain identity for the From's domain, whose default configuration set suppresses bounces and complaints", () => {
    created.dataTemplate.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'mail.cabinet.test',
      ConfigurationSetAttributes: { ConfigurationSetName: { Ref: setId } },
    });
    created.dataTemplate.hasResourceProperties('AWS::SES::ConfigurationSet', {
      SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
      SendingOptions: { SendingEnabled: true },
    });
  });

  it('prints the identity and the three DKIM records to publish as outputs', () => {
    const outputs = created.dataTemplate.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(outputs.SesIdentity?.Value).toBe('mail.cabinet.test');
    for (const n of [1, 2, 3]) {
      expect(outputs[`SesDkimRecord${n}`]?.Value).toEqual({
        'Fn::Join': [
          '',
          [{ 'Fn::GetAtt': [identityId, `DkimDNSTokenName${n}`] }, ' CNAME ', { 'Fn::GetAtt': [identityId, `DkimDNSTokenValue${n}`] }],
        ],
      });
    }
  });

  it('holds mail until it is said to be verified: Cognito on its own e-mail (it refuses an unverified identity), no EMAIL_FROM, a warning', () => {
    expect(poolEmail(created.dataTemplate)).toEqual({ EmailSendingAccount: 'COGNITO_DEFAULT' });
    for (const variables of variablesOf(created.apiTemplate)) expect(variables).not.toHaveProperty('EMAIL_FROM');
    expect(sesActions(created.apiTemplate)).toEqual([]);
    Annotations.fromStack(created.data).hasWarning(
      '/CabinetData/Mail',
      Match.stringLikeRegexp('creates the SES domain identity mail.cabinet.test.*SesDkimRecord.*-c sesIdentityVerified=true'),
    );
  });

  it('once verified (sesIdentityVerified=true), sends through it: Cognito and the functions, with the configuration set', () => {
    const vSetId = logicalIdOf(verified.dataTemplate, 'AWS::SES::ConfigurationSet');
    expect(poolEmail(verified.dataTemplate)).toEqual({
      EmailSendingAccount: 'DEVELOPER',
      From: 'Cabinet <no-reply@mail.cabinet.test>',
      ConfigurationSet: { Ref: vSetId },
      SourceArn: arn('identity/mail.cabinet.test'),
    });
    const setName = viaData(verified.dataTemplate, { Ref: vSetId });
    for (const variables of variablesOf(verified.apiTemplate)) {
      expect(variables).toMatchObject({ EMAIL_FROM: 'Cabinet <no-reply@mail.cabinet.test>', SES_CONFIGURATION_SET: setName });
    }
    const [, sweeper] = functionByDescription(verified.apiTemplate, SWEEPER);
    const send = statementsOfRole(verified.apiTemplate, roleOf(sweeper)).filter((statement) =>
      actionsOf([statement]).includes('ses:SendEmail'),
    );
    expect(sorted(send[0]?.Resource)).toEqual(
      sorted([
        arn('identity/mail.cabinet.test'),
        {
          'Fn::Join': [
            '',
            [
              'arn:',
              { Ref: 'AWS::Partition' },
              ':ses:',
              { Ref: 'AWS::Region' },
              ':',
              { Ref: 'AWS::AccountId' },
              ':configuration-set/',
              setName,
            ],
          ],
        },
      ]),
    );
    Annotations.fromStack(verified.data).hasNoWarning('*', Match.stringLikeRegexp('SES|e-mail sender'));
  });

  it('is an address identity for a mailbox provider’s address (nobody can verify gmail.com), with no DKIM records', () => {
    const { dataTemplate: data } = synthesizeCabinet({
      context: { ...TEST_CONTEXT, emailFrom: 'Dr Martin <dr.martin.cabinet@gmail.com>' },
    });
    data.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'dr.martin.cabinet@gmail.com' });
    expect(Object.keys(data.toJSON().Outputs as object).filter((name) => name.startsWith('SesDkim'))).toEqual([]);
  });

  it('follows sesIdentityKind when given, and refuses a kind it does not know', () => {
    const { dataTemplate: data } = synthesizeCabinet({ context: { ...DOMAIN_SENDER, sesIdentityKind: 'address' } });
    data.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'no-reply@mail.cabinet.test' });
    expect(() => synthesizeCabinet({ context: { ...DOMAIN_SENDER, sesIdentityKind: 'dns' } })).toThrow(/Context sesIdentityKind/);
    expect(() => synthesizeCabinet({ context: { ...DOMAIN_SENDER, sesRegion: 'eu-west-1' } })).toThrow(
      /Context sesRegion needs sesIdentity/,
    );
  });
});

describe('an existing SES identity (sesIdentity)', () => {
  it('is used as it is, with a configuration set the stack creates unless one is named', () => {
    const existing = synthesizeCabinet({ context: { ...MAIL_CONTEXT, sesConfigurationSet: '' } });
    expect(resourcesOf(existing.dataTemplate, 'AWS::SES::EmailIdentity')).toEqual({});
    const setId = logicalIdOf(existing.dataTemplate, 'AWS::SES::ConfigurationSet');
    expect(poolEmail(existing.dataTemplate)).toMatchObject({ EmailSendingAccount: 'DEVELOPER', ConfigurationSet: { Ref: setId } });
    // The setting's value is what the suite's MAIL_CONTEXT names: no SES resource of the stack's own.
    expect(resourcesOf(dataTemplate, 'AWS::SES::ConfigurationSet')).toEqual({});
    expect(resourcesOf(dataTemplate, 'AWS::SES::EmailIdentity')).toEqual({});
  });
});
