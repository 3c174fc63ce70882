// Webhook delivery in AWS (functions/webhooks/): the fan-out, fed by the table's DynamoDB stream through an event
// source mapping filtered to new Event items (the same filter the local stream reader applies), which makes the first
// attempt and the first retry (about 5 s later) — the same function, the stream's one consumer, counts the new KPI
// records of its batches (functions/jobs/table-stream.ts) — and the sweeper of the later retries on an EventBridge schedule. Every function of CabinetApi gets WEBHOOK_ENVIRONMENT: the real retry schedule,
// and no loopback receiver (the local-only setting is off in every deployed stack; test/infra asserts it).
import { Annotations, Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { EventSourceMapping, FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { EVENT_ITEM_TYPE } from '../functions/domain/events.ts';
import { KPI_RECORD_TYPE } from '../functions/domain/metrics.ts';
import { FAN_OUT_TIMEOUT_SECONDS } from '../functions/domain/webhook.ts';
import { CabinetFunction } from './cabinet-function.ts';

export const WEBHOOK_ENVIRONMENT = {
  WEBHOOK_RETRY_SCHEDULE: 'real',
  WEBHOOK_ALLOW_LOOPBACK_HTTP: 'false',
  // Above the fan-out's and the sweeper's 60 s timeout: an attempt under way is never doubled.
  WEBHOOK_CLAIM_SECONDS: '90',
} as const;

/** Concurrent batches per stream shard (Lambda allows 1 to 10). */
export const STREAM_PARALLELIZATION_FACTOR = 4;

export interface CabinetWebhooksProps {
  readonly table: ITable;
  /** The variables every function gets (the mail settings: a disabled endpoint's admins are e-mailed). */
  readonly environment: Record<string, string>;
}

export class CabinetWebhooks extends Construct {
  readonly fanOut: CabinetFunction;
  readonly sweeper: CabinetFunction;
  readonly schedule: Rule;

  constructor(scope: Construct, id: string, props: CabinetWebhooksProps) {
    super(scope, id);
    const environment = { ...props.environment, ...WEBHOOK_ENVIRONMENT };
    this.fanOut = new CabinetFunction(this, 'FanOut', {
      entry: 'functions/jobs/table-stream.ts',
      description: 'Table stream: new events become webhook delivery jobs, attempted at once; new KPI records are counted',
      environment,
      // A batch's deliveries run in parallel: each a first attempt (at most 10 s), and if it fails the first retry
      // about 5 s later (at most 10 s more): FAN_OUT_MIN_TIMEOUT_MS, which this holds (test/infra).
      timeoutSeconds: FAN_OUT_TIMEOUT_SECONDS,
    }).useTable(props.table, 'readWrite');
    const streamArn = props.table.tableStreamArn;
    if (streamArn) {
      // The mapping's grants, on this table's stream only (CDK's DynamoEventSource grants ListStreams on '*').
      this.fanOut.role.addToPolicy(
        new PolicyStatement({
          actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'],
          resources: [streamArn],
        }),
      );
      new EventSourceMapping(this, 'Stream', {
        target: this.fanOut.function,
        eventSourceArn: streamArn,
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 25,
        maxBatchingWindow: Duration.seconds(0),
        retryAttempts: 10,
        bisectBatchOnError: true,
        // A batch holds its shard while it waits for a first retry (about 5 s): up to this many batches of one shard
        // run at once (records of one organisation's partition stay in order), so one tenant's failing receiver does
        // not hold back every other tenant's deliveries.
        parallelizationFactor: STREAM_PARALLELIZATION_FACTOR,
        // The stream's one reader (functions/jobs/table-stream.ts): new events for the fan-out, new KPI records for the
        // KPI counter. A second mapping would be the stream's second and last reader per shard (docs/adr/0007).
        filters: [EVENT_ITEM_TYPE, KPI_RECORD_TYPE].map((type) =>
          FilterCriteria.filter({
            eventName: FilterRule.isEqual('INSERT'),
            dynamodb: { NewImage: { type: { S: FilterRule.isEqual(type) } } },
          }),
        ),
      });
    } else {
      Annotations.of(this).addWarningV2(
        'cabinet:no-table-stream',
        'The adopted table has no stream ARN (-c tableStreamArn=…): events are recorded but no webhook is delivered.',
      );
    }
    this.sweeper = new CabinetFunction(this, 'Sweeper', {
      entry: 'functions/webhooks/sweeper.ts',
      description: 'Webhook sweeper: retries due deliveries with backoff, disables an endpoint after its last failure',
      environment,
      timeoutSeconds: 60,
    }).useTable(props.table, 'readWrite');
    this.schedule = new Rule(this, 'Schedule', {
      description: 'Runs the webhook sweeper every minute',
      schedule: Schedule.rate(Duration.minutes(1)),
      targets: [new LambdaFunction(this.sweeper.function, { retryAttempts: 0 })],
    });
  }
}
