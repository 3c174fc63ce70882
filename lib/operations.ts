// Operations in AWS: the alarms that page someone (on one SNS topic, with an optional e-mail subscription from the
// `alarmEmail` context), the one dashboard, the account sweeper on its hourly schedule and the organisation deletion
// worker every minute. Metrics come from API
// Gateway, Lambda and DynamoDB themselves, and from the business metrics the functions write as EMF log lines
// (functions/core/metrics.ts), read under their [service] dimension set.
import { Annotations, CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
  Metric,
  SingleValueWidget,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import { type ITable, Operation } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, RuleTargetInput, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { METRIC, METRICS_NAMESPACE, METRICS_SERVICE, type MetricKey } from '#core/metrics';
import { CabinetFunction } from './cabinet-function.ts';
import { contextString } from './context.ts';

/** CloudWatch's limit on the metrics of one alarm's math expression. */
export const MAX_ALARM_METRICS = 10;
/** Deliveries begin within seconds of a change: a stream read a minute behind means webhooks are late. */
export const WEBHOOK_ITERATOR_AGE_ALARM_MS = 60_000;

/** Cognito waits at most 5 s for a trigger; past this the sign-in is in danger. */
export const TRIGGER_DURATION_ALARM_MS = 3000;
const FIVE_MINUTES = Duration.minutes(5);

export interface CabinetOperationsProps {
  readonly httpApi: HttpApi;
  readonly table: ITable;
  readonly userPool: IUserPool;
  /** CabinetApi's functions by name (the six classes and the mail sweeper). */
  readonly functions: ReadonlyMap<string, IFunction>;
  /** The pre-token-generation trigger (CabinetData). */
  readonly preTokenFunction: IFunction;
  /** Webhook delivery (lib/webhooks.ts): the stream's fan-out and the retry sweeper, alarmed on their own. */
  readonly webhooks?: { readonly fanOut: IFunction; readonly sweeper: IFunction };
  /** ORPHAN_MIN_AGE_SECONDS: the longest timeout of a function that creates accounts, plus a margin. */
  readonly orphanMinAgeSeconds: number;
  readonly environment: Record<string, string>;
}

/** A business metric (EMF, functions/core/metrics.ts) over the whole API: its [service] dimension set. */
export const businessMetric = (key: MetricKey, statistic = 'Sum', period = FIVE_MINUTES): Metric =>
  new Metric({
    namespace: METRICS_NAMESPACE,
    metricName: METRIC[key].name,
    dimensionsMap: { service: METRICS_SERVICE },
    statistic,
    period,
  });

export class CabinetOperations extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];
  readonly dashboard: Dashboard;
  readonly accountSweeper: CabinetFunction;
  readonly accountSweepSchedule: Rule;
  readonly accountReconcileSchedule: Rule;
  readonly deletionWorker: CabinetFunction;
  readonly deletionSchedule: Rule;

  constructor(scope: Construct, id: string, props: CabinetOperationsProps) {
    super(scope, id);
    const { httpApi, table, preTokenFunction } = props;

    // CloudWatch may publish to an encrypted topic only with a customer-managed key whose policy lets it (the AWS
    // managed aws/sns key does not), so the topic has its own key, rotated yearly.
    const key = new Key(this, 'AlarmTopicKey', {
      description: 'Encrypts the Cabinet alarm topic; CloudWatch alarms may use it to publish',
      enableKeyRotation: true,
    });
    key.addToResourcePolicy(
      new PolicyStatement({
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        resources: ['*'],
      }),
    );
    this.topic = new Topic(this, 'AlarmTopic', {
      displayName: 'Cabinet alarms',
      masterKey: key,
      enforceSSL: true,
    });
    const alarmEmail = contextString(this, 'alarmEmail');
    if (alarmEmail !== undefined) {
      if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(alarmEmail))
        throw new Error(`Context alarmEmail must be an e-mail address, not "${alarmEmail}"`);
      this.topic.addSubscription(new EmailSubscription(alarmEmail));
    } else {
      // Alarms without a subscriber page nobody: say so at synth rather than after the first outage.
      Annotations.of(this).addWarningV2(
        'cabinet:alarm-email',
        'No alarm subscriber: the alarm topic has no subscription, so no alarm reaches anyone. Deploy with ' +
          '-c alarmEmail=oncall@example.org (and confirm the subscription e-mail), or subscribe to the AlarmTopicArn output yourself.',
      );
    }

    // The account sweeper (functions/jobs/account-sweeper.ts): every hour, the due account checks (one AdminGetUser
    // each, paced), then a due reconciliation of accounts deleted outside the API, which a weekly rule asks for
    // (ListUsers only for a walk of the pool an operator asks for after a restore); each run stops 20 s before its
    // timeout, the rest left due (docs/operations.md#the-account-sweeper).
    this.accountSweeper = new CabinetFunction(this, 'AccountSweeper', {
      entry: 'functions/jobs/account-sweeper.ts',
      description: 'Account sweeper: deletes orphan Cognito users, reconciles accounts deleted outside the API',
      environment: { ...props.environment, ORPHAN_MIN_AGE_SECONDS: String(props.orphanMinAgeSeconds), ACCOUNT_SWEEP_RUN_SECONDS: '280' },
      timeoutSeconds: 300,
    })
      .useTable(table, 'readWrite')
      .grantCognito(props.userPool, ['cognito-idp:AdminGetUser', 'cognito-idp:AdminDeleteUser', 'cognito-idp:ListUsers']);
    this.accountSweepSchedule = new Rule(this, 'AccountSweepSchedule', {
      description: 'Runs the account sweeper every hour',
      schedule: Schedule.rate(Duration.hours(1)),
      targets: [new LambdaFunction(this.accountSweeper.function, { retryAttempts: 0 })],
    });
    this.accountReconcileSchedule = new Rule(this, 'AccountReconcileSchedule', {
      description: 'Asks the account sweeper for a reconciliation of accounts deleted outside the API, every week',
      schedule: Schedule.rate(Duration.days(7)),
      targets: [
        new LambdaFunction(this.accountSweeper.function, { retryAttempts: 0, event: RuleTargetInput.fromObject({ reconcile: true }) }),
      ],
    });

    // The organisation deletion worker (functions/jobs/organisation-deletion.ts): takes the due deletion jobs and purges
    // them in checkpointed pages with BatchWriteItem, each run stopping 20 s before its timeout; a job left by a run
    // that died is due again two minutes after its last checkpoint (docs/operations.md#deleting-an-organisation).
    this.deletionWorker = new CabinetFunction(this, 'DeletionWorker', {
      entry: 'functions/jobs/organisation-deletion.ts',
      description: 'Organisation deletion worker: purges organisations being deleted, in checkpointed segments',
      environment: { ...props.environment, DELETION_RUN_SECONDS: '280' },
      timeoutSeconds: 300,
    }).useTable(table, 'readWrite', { batchWrite: true });
    this.deletionSchedule = new Rule(this, 'DeletionSchedule', {
      description: 'Runs the organisation deletion worker every minute',
      schedule: Schedule.rate(Duration.minutes(1)),
      targets: [new LambdaFunction(this.deletionWorker.function, { retryAttempts: 0 })],
    });

    const functions = new Map([
      ...props.functions,
      ['account-sweeper', this.accountSweeper.function],
      ['organisation-deletion', this.deletionWorker.function],
    ]);
    // One alarm over every function (at most MAX_ALARM_METRICS in an alarm's expression: 6 classes and 3 jobs today;
    // the webhook pair has alarms of its own below).
    const sumOver = (prefix: string, label: string, metricOf: (fn: IFunction) => IMetric): MathExpression => {
      const usingMetrics: Record<string, IMetric> = {};
      [...functions.values()].forEach((fn, index) => {
        usingMetrics[`${prefix}${index}`] = metricOf(fn);
      });
      if (Object.keys(usingMetrics).length > MAX_ALARM_METRICS)
        throw new Error(`${label}: ${Object.keys(usingMetrics).length} metrics, more than an alarm's ${MAX_ALARM_METRICS}`);
      return new MathExpression({ expression: `SUM([${Object.keys(usingMetrics).join(',')}])`, usingMetrics, label, period: FIVE_MINUTES });
    };

    const requests = httpApi.metricCount({ period: FIVE_MINUTES, statistic: 'Sum' });
    const serverErrors = httpApi.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' });
    const errorRate = new MathExpression({
      // A rate needs traffic: below 20 requests in 5 minutes a handful of 5xx is noise, not an outage.
      expression: 'IF(requests >= 20, 100 * errors / requests, 0)',
      usingMetrics: { requests, errors: serverErrors },
      label: 'API 5xx rate (%)',
      period: FIVE_MINUTES,
    });
    const p99 = httpApi.metricLatency({ period: FIVE_MINUTES, statistic: 'p99' });
    const lambdaErrors = sumOver('errors', 'Lambda errors (all functions)', (fn) =>
      fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }),
    );
    const lambdaThrottles = sumOver('throttles', 'Lambda throttles (all functions)', (fn) =>
      fn.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' }),
    );
    const triggerErrors = preTokenFunction.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' });
    const triggerDuration = preTokenFunction.metricDuration({ period: FIVE_MINUTES, statistic: 'Maximum' });
    // The operations Cabinet sends (an alarm's math expression holds at most 10 metrics): no Scan, no TransactGet.
    const operations = [
      Operation.GET_ITEM,
      Operation.BATCH_GET_ITEM,
      Operation.QUERY,
      Operation.PUT_ITEM,
      Operation.UPDATE_ITEM,
      Operation.DELETE_ITEM,
      Operation.BATCH_WRITE_ITEM,
      Operation.TRANSACT_WRITE_ITEMS,
    ];
    const tableThrottles = table.metricThrottledRequestsForOperations({ operations, period: FIVE_MINUTES });
    const tableSystemErrors = table.metricSystemErrorsForOperations({ operations, period: FIVE_MINUTES });
    const orphans = new MathExpression({
      expression: 'found + reconciled',
      usingMetrics: {
        found: businessMetric('orphansFound', 'Sum', Duration.hours(1)),
        reconciled: businessMetric('accountsReconciled', 'Sum', Duration.hours(1)),
      },
      label: 'Orphan Cognito users and accounts deleted outside the API',
      period: Duration.hours(1),
    });

    const alarm = (
      id: string,
      metric: IMetric,
      threshold: number,
      description: string,
      options: { evaluationPeriods?: number; datapointsToAlarm?: number } = {},
    ) => {
      const created = new Alarm(this, id, {
        alarmDescription: description,
        metric,
        threshold,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: options.evaluationPeriods ?? 1,
        datapointsToAlarm: options.datapointsToAlarm ?? options.evaluationPeriods ?? 1,
        // No traffic is not an outage (each alarm says what to look at: docs/operations.md, Alarms).
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(new SnsAction(this.topic));
      created.addOkAction(new SnsAction(this.topic));
      this.alarms.push(created);
      return created;
    };
    alarm('Api5xxRate', errorRate, 5, 'API: 5 % or more of requests answered 5xx over 5 minutes (function logs: level ERROR)');
    alarm('ApiLatencyP99', p99, 3000, 'API: p99 latency at or above 3 s for 3 periods of 5 minutes', { evaluationPeriods: 3 });
    alarm('LambdaErrors', lambdaErrors, 1, 'Lambda: a function failed (unhandled error, timeout or out of memory): its log group');
    alarm('LambdaThrottles', lambdaThrottles, 1, 'Lambda: invocations throttled (account concurrency reached)');
    alarm('PreTokenTriggerErrors', triggerErrors, 1, 'Pre-token trigger failed: Cognito refuses every sign-in it fails');
    alarm(
      'PreTokenTriggerDuration',
      triggerDuration,
      TRIGGER_DURATION_ALARM_MS,
      'Pre-token trigger took 3 s or more: Cognito gives up (and refuses the sign-in) at 5 s',
    );
    alarm('DynamoDbThrottles', tableThrottles, 1, 'DynamoDB: requests throttled on the table');
    alarm('DynamoDbSystemErrors', tableSystemErrors, 1, 'DynamoDB: system errors (HTTP 500) on the table');
    alarm('EmailsFailed', businessMetric('emailsFailed'), 1, 'E-mail: a message failed for good after every retry (MAILFAILED items)');
    alarm(
      'EmailRetries',
      businessMetric('emailRetries', 'Sum', Duration.minutes(15)),
      10,
      'E-mail: 10 or more failed sends in 15 minutes (SES?)',
    );
    alarm(
      'EmailsHeld',
      businessMetric('emailsHeld', 'Maximum'),
      1,
      "E-mail: the API's mail is held in the outbox, unsent, because no verified sender is configured (emailFrom; docs/deploy-email.md)",
    );
    alarm(
      'OrphansFound',
      orphans,
      1,
      'Accounts: orphan Cognito users or accounts deleted outside the API were found (account sweeper log)',
    );

    // Webhooks: the fan-out failing (Lambda retries its batch, then drops it after 10 retries), its stream read falling
    // behind (IteratorAge: how old the last record of a batch was when the batch was read), the sweeper failing.
    const graph = (title: string, left: IMetric[], width = 8) => new GraphWidget({ title, left, width, height: 6 });
    const webhookGraphs: GraphWidget[] = [];
    if (props.webhooks) {
      const { fanOut, sweeper } = props.webhooks;
      const fanOutErrors = fanOut.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' });
      const iteratorAge = fanOut.metric('IteratorAge', { period: FIVE_MINUTES, statistic: 'Maximum' });
      const sweeperErrors = sweeper.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' });
      const webhookThrottles = new MathExpression({
        expression: 'fanOut + sweeper',
        usingMetrics: {
          fanOut: fanOut.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' }),
          sweeper: sweeper.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' }),
        },
        label: 'Webhook functions throttled',
        period: FIVE_MINUTES,
      });
      alarm(
        'WebhookFanOutErrors',
        fanOutErrors,
        1,
        'Table stream: the webhook fan-out or the KPI counter failed (its batch is retried, dropped after 10 retries): its log group',
      );
      alarm(
        'WebhookStreamIteratorAge',
        iteratorAge,
        WEBHOOK_ITERATOR_AGE_ALARM_MS,
        'Webhooks: the fan-out reads the table stream a minute or more behind, for 10 of 15 minutes: deliveries are late',
        { evaluationPeriods: 3, datapointsToAlarm: 2 },
      );
      alarm('WebhookSweeperErrors', sweeperErrors, 1, 'Webhooks: the retry sweeper failed, so due retries wait: its log group');
      alarm('WebhookThrottles', webhookThrottles, 1, 'Webhooks: the fan-out or the sweeper was throttled (account concurrency)');
      webhookGraphs.push(
        graph('Webhooks: fan-out and sweeper errors', [fanOutErrors, sweeperErrors, webhookThrottles], 12),
        graph('Webhooks: stream iterator age (max, ms)', [iteratorAge], 12),
      );
    }

    this.dashboard = new Dashboard(this, 'Dashboard', {
      // Dashboards are account-wide (not per region): the region in the name lets a second region deploy beside it.
      dashboardName: `${Stack.of(this).stackName}-${Stack.of(this).region}-operations`,
      defaultInterval: Duration.hours(6),
    });
    this.dashboard.addWidgets(
      new TextWidget({
        markdown:
          '# Cabinet\nAlarms page the SNS topic. Logs: `/aws/lambda/*` (JSON, one line per event: requestId, route, function, organisationId, userId); access logs: the API stage. Runbook: docs/operations.md → Operations.',
        width: 24,
        height: 2,
      }),
    );
    this.dashboard.addWidgets(new AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24, height: 3 }));
    this.dashboard.addWidgets(
      graph('API requests and 5xx', [requests, serverErrors, httpApi.metricClientError({ period: FIVE_MINUTES, statistic: 'Sum' })]),
      graph('API latency (p50, p99)', [httpApi.metricLatency({ period: FIVE_MINUTES, statistic: 'p50' }), p99]),
      graph('API 5xx rate (%)', [errorRate]),
    );
    this.dashboard.addWidgets(
      graph('Lambda errors and throttles', [lambdaErrors, lambdaThrottles]),
      graph(
        'Lambda duration p99 by function',
        [...functions].map(([name, fn]) => fn.metricDuration({ period: FIVE_MINUTES, statistic: 'p99', label: name })),
      ),
      graph('Pre-token trigger: max duration (Cognito limit 5 s) and errors', [triggerDuration, triggerErrors]),
    );
    this.dashboard.addWidgets(
      // Two graphs: both expressions name their metrics after the operations, which one graph cannot hold twice.
      graph('DynamoDB throttled requests', [tableThrottles], 4),
      graph('DynamoDB system errors', [tableSystemErrors], 4),
      graph('DynamoDB consumed capacity', [
        table.metricConsumedReadCapacityUnits({ period: FIVE_MINUTES }),
        table.metricConsumedWriteCapacityUnits({ period: FIVE_MINUTES }),
      ]),
      graph('429 answers (rate limits)', [businessMetric('tooManyRequests')]),
    );
    this.dashboard.addWidgets(
      graph('Registrations and sign-ins', [
        businessMetric('registrations'),
        businessMetric('signInsSucceeded'),
        businessMetric('signInsFailed'),
      ]),
      graph('Join codes and approvals', [
        businessMetric('codeRedemptions'),
        businessMetric('codeRefusals'),
        businessMetric('joinApprovals'),
      ]),
      graph('Time to approval (s, average and max)', [
        businessMetric('timeToApproval', 'Average', Duration.hours(1)),
        businessMetric('timeToApproval', 'Maximum', Duration.hours(1)),
      ]),
    );
    this.dashboard.addWidgets(
      graph(
        'E-mail sent, retried, failed, held (no sender)',
        [
          businessMetric('emailsSent'),
          businessMetric('emailRetries'),
          businessMetric('emailsFailed'),
          businessMetric('emailsHeld', 'Maximum'),
        ],
        12,
      ),
      new SingleValueWidget({
        title: 'Orphans found / swept, accounts reconciled (last hour)',
        metrics: [
          businessMetric('orphansFound', 'Sum', Duration.hours(1)),
          businessMetric('orphansSwept', 'Sum', Duration.hours(1)),
          businessMetric('accountsReconciled', 'Sum', Duration.hours(1)),
        ],
        width: 12,
        height: 6,
      }),
    );

    if (webhookGraphs.length > 0) this.dashboard.addWidgets(...webhookGraphs);

    new CfnOutput(Stack.of(this), 'AlarmTopicArn', { value: this.topic.topicArn, description: 'Alarms publish here' });
    new CfnOutput(Stack.of(this), 'DashboardName', { value: this.dashboard.dashboardName });
    new CfnOutput(Stack.of(this), 'AccountSweeperFunctionName', {
      value: this.accountSweeper.function.functionName,
      description: 'Run the account sweeper by hand: aws lambda invoke --function-name <this> out.json',
    });
  }
}
