// Operations in the templates (lib/operations.ts, lib/cabinet-function.ts): Lambda's JSON log format and levels from
// context on every function, the alarm topic (encrypted, TLS only, an e-mail subscription only with alarmEmail), each
// alarm on what it watches with the topic as its action, the one dashboard, and the account sweeper's schedule and
// least privilege.
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { METRIC } from '#core/metrics';
import { functionNames } from '#routes';
import { MAX_ALARM_METRICS, WEBHOOK_ITERATOR_AGE_ALARM_MS } from '../../lib/operations.ts';
import {
  actionsOf,
  type CfnResource,
  functionByDescription,
  resourcesOf,
  roleOf,
  statementsOfRole,
  synthesizeCabinet,
  TEST_CONTEXT,
} from './cabinet-app.ts';

const { api, apiTemplate, dataTemplate } = synthesizeCabinet({ context: { ...TEST_CONTEXT, alarmEmail: 'oncall@cabinet.test' } });
const withoutSubscriber = synthesizeCabinet();
const SWEEPER = 'Account sweeper: deletes orphan Cognito users, reconciles accounts deleted outside the API';
const DELETION_WORKER = 'Organisation deletion worker: purges organisations being deleted, in checkpointed segments';
const FAN_OUT = 'Table stream: new events become webhook delivery jobs, attempted at once; new KPI records are counted';
const WEBHOOK_SWEEPER = 'Webhook sweeper: retries due deliveries with backoff, disables an endpoint after its last failure';

type AlarmProperties = {
  AlarmDescription: string;
  EvaluationPeriods?: number;
  DatapointsToAlarm?: number;
  Threshold: number;
  ComparisonOperator: string;
  AlarmActions: unknown[];
  OKActions: unknown[];
  TreatMissingData: string;
  MetricName?: string;
  Namespace?: string;
  Statistic?: string;
  ExtendedStatistic?: string;
  Dimensions?: { Name: string; Value: unknown }[];
  Metrics?: { Id: string; Expression?: string; MetricStat?: { Metric: { MetricName: string; Namespace: string } } }[];
};
const alarms = Object.entries(resourcesOf(apiTemplate, 'AWS::CloudWatch::Alarm')).map(
  ([id, alarm]) => [id, alarm.Properties as AlarmProperties] as const,
);
const alarmNamed = (name: string): AlarmProperties => {
  const found = alarms.find(([id]) => id.startsWith(`Operations${name}`));
  if (!found) throw new Error(`no alarm ${name}`);
  return found[1];
};
const topicId = Object.keys(resourcesOf(apiTemplate, 'AWS::SNS::Topic'))[0] ?? '';
const allFunctions = (): CfnResource[] => [
  ...Object.values(resourcesOf(apiTemplate, 'AWS::Lambda::Function')),
  ...Object.values(resourcesOf(dataTemplate, 'AWS::Lambda::Function')),
];

describe('logging configuration', () => {
  it('gives every function (API, sweepers, webhooks, trigger) JSON logs and the levels from context, INFO by default', () => {
    const functions = allFunctions();
    expect(functions.length).toBe(functionNames.length + 6);
    for (const fn of functions) {
      expect(fn.Properties?.LoggingConfig).toMatchObject({ LogFormat: 'JSON', ApplicationLogLevel: 'INFO', SystemLogLevel: 'INFO' });
      expect((fn.Properties?.Environment as { Variables: Record<string, string> } | undefined)?.Variables).toMatchObject({
        POWERTOOLS_SERVICE_NAME: 'cabinet',
        POWERTOOLS_METRICS_NAMESPACE: 'Cabinet',
      });
    }
  });

  it('takes logLevel and systemLogLevel from context, and stops the synth on a level Lambda does not know', () => {
    const debug = synthesizeCabinet({ context: { ...TEST_CONTEXT, logLevel: 'debug', systemLogLevel: 'WARN' } });
    for (const fn of Object.values(resourcesOf(debug.apiTemplate, 'AWS::Lambda::Function'))) {
      expect(fn.Properties?.LoggingConfig).toMatchObject({ LogFormat: 'JSON', ApplicationLogLevel: 'DEBUG', SystemLogLevel: 'WARN' });
    }
    expect(() => synthesizeCabinet({ context: { ...TEST_CONTEXT, logLevel: 'LOUD' } })).toThrow(/Context logLevel/);
    expect(() => synthesizeCabinet({ context: { ...TEST_CONTEXT, systemLogLevel: 'ERROR' } })).toThrow(/Context systemLogLevel/);
  });

  it('tells the account-creating functions when a Cognito user without an account is an orphan (longest timeout + 5 s)', () => {
    const variables = (fn: CfnResource) =>
      (fn.Properties?.Environment as { Variables: Record<string, string> } | undefined)?.Variables ?? {};
    // 10 s, the default, is the longest timeout of a function that creates accounts.
    expect(variables(functionByDescription(apiTemplate, SWEEPER)[1]).ORPHAN_MIN_AGE_SECONDS).toBe('15');
    const sessions = Object.values(resourcesOf(apiTemplate, 'AWS::Lambda::Function')).find((fn) =>
      String(fn.Properties?.Description).startsWith('Cabinet sessions'),
    );
    expect(sessions && variables(sessions).ORPHAN_MIN_AGE_SECONDS).toBe('15');
  });
});

describe('the alarm topic', () => {
  it('is encrypted with its own rotated key that CloudWatch may use, and refuses plain HTTP', () => {
    const topic = resourcesOf(apiTemplate, 'AWS::SNS::Topic')[topicId];
    const [keyId, key] = Object.entries(resourcesOf(apiTemplate, 'AWS::KMS::Key'))[0] ?? [];
    expect(topic?.Properties?.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
    expect(key?.Properties?.EnableKeyRotation).toBe(true);
    expect(JSON.stringify(key?.Properties?.KeyPolicy)).toContain('cloudwatch.amazonaws.com');
    const policy = Object.values(resourcesOf(apiTemplate, 'AWS::SNS::TopicPolicy'))[0];
    expect(JSON.stringify(policy?.Properties?.PolicyDocument)).toContain('"aws:SecureTransport":"false"');
  });

  it('has an e-mail subscription to alarmEmail only when the context sets one', () => {
    expect(Object.values(resourcesOf(apiTemplate, 'AWS::SNS::Subscription')).map((s) => s.Properties)).toEqual([
      expect.objectContaining({ Protocol: 'email', Endpoint: 'oncall@cabinet.test', TopicArn: { Ref: topicId } }),
    ]);
    expect(resourcesOf(withoutSubscriber.apiTemplate, 'AWS::SNS::Subscription')).toEqual({});
    expect(() => synthesizeCabinet({ context: { ...TEST_CONTEXT, alarmEmail: 'not-an-address' } })).toThrow(/Context alarmEmail/);
  });

  it('warns at synth when no alarmEmail is given (the topic would page nobody), and only then', () => {
    const warning = Match.stringLikeRegexp('No alarm subscriber.*-c alarmEmail=');
    Annotations.fromStack(withoutSubscriber.api).hasWarning('/CabinetApi/Operations', warning);
    Annotations.fromStack(api).hasNoWarning('*', warning);
  });
});

describe('the alarms', () => {
  it('are at least eight, each notifying the topic when it fires and when it recovers, quiet without data', () => {
    expect(alarms.length).toBeGreaterThanOrEqual(8);
    for (const [, alarm] of alarms) {
      expect(alarm.AlarmActions).toEqual([{ Ref: topicId }]);
      expect(alarm.OKActions).toEqual([{ Ref: topicId }]);
      expect(alarm.TreatMissingData).toBe('notBreaching');
      expect(alarm.ComparisonOperator).toBe('GreaterThanOrEqualToThreshold');
      expect(alarm.AlarmDescription.length).toBeGreaterThan(20);
    }
  });

  it('watch the API: its 5xx rate (with enough traffic) and its p99 latency', () => {
    const rate = alarmNamed('Api5xxRate');
    expect(rate.Threshold).toBe(5);
    expect(rate.Metrics?.find((m) => m.Expression)?.Expression).toBe('IF(requests >= 20, 100 * errors / requests, 0)');
    expect(
      rate.Metrics?.map((m) => m.MetricStat?.Metric.MetricName)
        .filter(Boolean)
        .sort(),
    ).toEqual(['5xx', 'Count']);
    const latency = alarmNamed('ApiLatencyP99');
    expect(latency).toMatchObject({ MetricName: 'Latency', Namespace: 'AWS/ApiGateway', ExtendedStatistic: 'p99', Threshold: 3000 });
  });

  it('watch every function of CabinetApi but the webhook pair for errors and throttles, in one sum each', () => {
    // An alarm's math expression holds at most 10 metrics: the webhook fan-out and sweeper have alarms of their own.
    const functions = Object.keys(resourcesOf(apiTemplate, 'AWS::Lambda::Function')).length - 2;
    for (const [name, metric] of [
      ['LambdaErrors', 'Errors'],
      ['LambdaThrottles', 'Throttles'],
    ] as const) {
      const alarm = alarmNamed(name);
      const stats = alarm.Metrics?.filter((m) => m.MetricStat) ?? [];
      expect(stats).toHaveLength(functions);
      for (const stat of stats) expect(stat.MetricStat?.Metric).toMatchObject({ MetricName: metric, Namespace: 'AWS/Lambda' });
      expect(alarm.Metrics?.find((m) => m.Expression)?.Expression).toMatch(/^SUM\(\[/);
    }
  });

  it('watch webhook delivery: fan-out errors, its stream read falling behind, sweeper errors, throttles', () => {
    const fanOut = functionByDescription(apiTemplate, FAN_OUT)[0];
    const sweeper = functionByDescription(apiTemplate, WEBHOOK_SWEEPER)[0];
    const dimension = (id: string) => [{ Name: 'FunctionName', Value: { Ref: id } }];
    expect(alarmNamed('WebhookFanOutErrors')).toMatchObject({
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Statistic: 'Sum',
      Threshold: 1,
      Dimensions: dimension(fanOut),
    });
    expect(alarmNamed('WebhookStreamIteratorAge')).toMatchObject({
      Namespace: 'AWS/Lambda',
      MetricName: 'IteratorAge',
      Statistic: 'Maximum',
      Threshold: WEBHOOK_ITERATOR_AGE_ALARM_MS,
      EvaluationPeriods: 3,
      DatapointsToAlarm: 2,
      Dimensions: dimension(fanOut),
    });
    expect(alarmNamed('WebhookSweeperErrors')).toMatchObject({
      MetricName: 'Errors',
      Statistic: 'Sum',
      Threshold: 1,
      Dimensions: dimension(sweeper),
    });
    const throttles = alarmNamed('WebhookThrottles').Metrics ?? [];
    expect(throttles.find((m) => m.Expression)?.Expression).toBe('fanOut + sweeper');
    expect(
      throttles
        .filter((m) => m.MetricStat)
        .map((m) => [
          m.MetricStat?.Metric.MetricName,
          JSON.stringify((m.MetricStat?.Metric as { Dimensions?: unknown } | undefined)?.Dimensions),
        ]),
    ).toEqual([
      ['Throttles', JSON.stringify(dimension(fanOut))],
      ['Throttles', JSON.stringify(dimension(sweeper))],
    ]);
  });

  it(`hold at most ${MAX_ALARM_METRICS} metrics in any alarm's math expression (CloudWatch's limit)`, () => {
    for (const [id, alarm] of alarms) expect(alarm.Metrics?.length ?? 1, id).toBeLessThanOrEqual(MAX_ALARM_METRICS + 1);
    for (const [id, alarm] of alarms)
      expect(alarm.Metrics?.filter((m) => m.MetricStat).length ?? 1, id).toBeLessThanOrEqual(MAX_ALARM_METRICS);
  });

  it("watch the pre-token trigger (in CabinetData): any error, and a duration of 3 s (Cognito's limit is 5 s)", () => {
    const errors = alarmNamed('PreTokenTriggerErrors');
    const duration = alarmNamed('PreTokenTriggerDuration');
    expect(errors).toMatchObject({ MetricName: 'Errors', Statistic: 'Sum', Threshold: 1 });
    expect(duration).toMatchObject({ MetricName: 'Duration', Statistic: 'Maximum', Threshold: 3000 });
    for (const alarm of [errors, duration]) {
      expect(JSON.stringify(alarm.Dimensions)).toMatch(/"Fn::GetStackOutput".*PreTokenGeneration/);
    }
  });

  it('watch the table: throttled requests and system errors of the operations Cabinet sends', () => {
    for (const [name, metric] of [
      ['DynamoDbThrottles', 'ThrottledRequests'],
      ['DynamoDbSystemErrors', 'SystemErrors'],
    ] as const) {
      const stats = alarmNamed(name).Metrics?.filter((m) => m.MetricStat) ?? [];
      expect(stats.length).toBeGreaterThanOrEqual(6);
      for (const stat of stats) expect(stat.MetricStat?.Metric).toMatchObject({ MetricName: metric, Namespace: 'AWS/DynamoDB' });
    }
  });

  it('watch the business metrics: e-mail failed for good or retried often, orphan accounts found', () => {
    expect(alarmNamed('EmailsFailed')).toMatchObject({
      Namespace: 'Cabinet',
      MetricName: METRIC.emailsFailed.name,
      Dimensions: [{ Name: 'service', Value: 'cabinet' }],
      Threshold: 1,
    });
    expect(alarmNamed('EmailRetries')).toMatchObject({ MetricName: METRIC.emailRetries.name, Threshold: 10 });
    const orphans = alarmNamed('OrphansFound');
    expect(
      orphans.Metrics?.map((m) => m.MetricStat?.Metric.MetricName)
        .filter(Boolean)
        .sort(),
    ).toEqual([METRIC.accountsReconciled.name, METRIC.orphansFound.name].sort());
  });
});

describe('the dashboard', () => {
  it('is one, showing every alarm, the API, the functions, the table and every business metric', () => {
    const dashboards = Object.values(resourcesOf(apiTemplate, 'AWS::CloudWatch::Dashboard'));
    expect(dashboards).toHaveLength(1);
    // Dashboard names are account-wide: stack and region, so the same stack in a second region does not clash.
    expect(dashboards[0]?.Properties?.DashboardName).toEqual({
      'Fn::Join': ['', ['CabinetApi-', { Ref: 'AWS::Region' }, '-operations']],
    });
    const body = JSON.stringify(dashboards[0]?.Properties?.DashboardBody);
    for (const [id] of alarms) expect(body).toContain(id);
    for (const text of ['AWS/ApiGateway', 'AWS/Lambda', 'AWS/DynamoDB', ...Object.values(METRIC).map((metric) => metric.name)]) {
      expect(body).toContain(text);
    }
  });
});

describe('the account sweeper', () => {
  const [sweeperId, sweeper] = functionByDescription(apiTemplate, SWEEPER);

  it('runs every hour, and asks for a reconciliation every week, from EventBridge rules with no retry', () => {
    const rules = Object.values(resourcesOf(apiTemplate, 'AWS::Events::Rule')).filter((rule) =>
      JSON.stringify(rule.Properties?.Targets).includes(sweeperId),
    );
    const target = { Arn: { 'Fn::GetAtt': [sweeperId, 'Arn'] }, RetryPolicy: { MaximumRetryAttempts: 0 } };
    expect(rules.map((rule) => rule.Properties)).toEqual([
      expect.objectContaining({ ScheduleExpression: 'rate(1 hour)', State: 'ENABLED', Targets: [expect.objectContaining(target)] }),
      expect.objectContaining({
        ScheduleExpression: 'rate(7 days)',
        State: 'ENABLED',
        Targets: [expect.objectContaining({ ...target, Input: JSON.stringify({ reconcile: true }) })],
      }),
    ]);
    expect(JSON.stringify(rules[0]?.Properties?.Targets)).not.toContain('Input');
    expect(sweeper.Properties?.Timeout).toBe(300);
    expect(
      (sweeper.Properties?.Environment as { Variables?: Record<string, string> } | undefined)?.Variables?.ACCOUNT_SWEEP_RUN_SECONDS,
    ).toBe('280');
  });

  it('may read and delete users, list the pool (a walk asked for after a restore), and read/write the table: nothing more', () => {
    const actions = actionsOf(statementsOfRole(apiTemplate, roleOf(sweeper)));
    expect(actions.filter((action) => action.startsWith('cognito-idp:')).sort()).toEqual([
      'cognito-idp:AdminDeleteUser',
      'cognito-idp:AdminGetUser',
      'cognito-idp:ListUsers',
    ]);
    expect(actions).not.toContain('dynamodb:Scan');
    expect(actions).toEqual(
      expect.arrayContaining(['dynamodb:Query', 'dynamodb:BatchGetItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem']),
    );
  });
});

describe('the organisation deletion worker', () => {
  const [workerId, worker] = functionByDescription(apiTemplate, DELETION_WORKER);

  it('runs every minute from an EventBridge rule, with no retry, and stops its runs 20 s before its 300 s timeout', () => {
    const rules = Object.values(resourcesOf(apiTemplate, 'AWS::Events::Rule')).filter((rule) =>
      JSON.stringify(rule.Properties?.Targets).includes(workerId),
    );
    expect(rules.map((rule) => rule.Properties)).toEqual([
      expect.objectContaining({
        ScheduleExpression: 'rate(1 minute)',
        State: 'ENABLED',
        Targets: [expect.objectContaining({ Arn: { 'Fn::GetAtt': [workerId, 'Arn'] }, RetryPolicy: { MaximumRetryAttempts: 0 } })],
      }),
    ]);
    expect(worker.Properties?.Timeout).toBe(300);
    expect((worker.Properties?.Environment as { Variables?: Record<string, string> } | undefined)?.Variables?.DELETION_RUN_SECONDS).toBe(
      '280',
    );
  });

  it('may read, write and batch-delete table items and query gsi1, and nothing of Cognito', () => {
    const actions = actionsOf(statementsOfRole(apiTemplate, roleOf(worker)));
    expect(actions).toEqual(
      expect.arrayContaining(['dynamodb:Query', 'dynamodb:BatchWriteItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem']),
    );
    expect(actions).not.toContain('dynamodb:Scan');
    expect(actions.filter((action) => action.startsWith('cognito-idp:'))).toEqual([]);
  });
});
