// E-mail in the templates (lib/mail.ts): the settings from context in every API function, ses:SendEmail only for
// the functions that send and only on the sending identity, the sweeper on its schedule, the user pool's mail
// through SES, and a synth that stops on a malformed setting.
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

  it('without sesIdentity, is scoped to the From address and its domain (cdk.json defaults: synth works offline)', () => {
    const defaults = synthesizeCabinet().apiTemplate;
    const [, sweeper] = functionByDescription(defaults, SWEEPER);
    const statements = statementsOfRole(defaults, roleOf(sweeper)).filter((statement) => actionsOf([statement]).includes('ses:SendEmail'));
    expect(sorted(statements[0]?.Resource)).toEqual(sorted([arn('identity/no-reply@example.org'), arn('identity/example.org')]));
  });
});

describe('the mail sweeper', () => {
  const [sweeperId, sweeper] = functionByDescription(template, SWEEPER);

  it('runs functions/jobs/mail-sweeper.ts with the table (read and write) and no Cognito action', () => {
    const actions = actionsOf(statementsOf(SWEEPER));
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:Query', 'dynamodb:UpdateItem', 'dynamodb:BatchGetItem']));
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
