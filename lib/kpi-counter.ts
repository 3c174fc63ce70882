// The KPI counter in AWS (functions/jobs/kpi-counter.ts): the table stream's second consumer, through an event source
// mapping filtered to new KPI record items (the same filter the local stream reader's consumer applies). The changes
// that count for a KPI write a record in their own transaction; this function adds the records to the platform's
// counters, so a throttled counter slows the stream's batch (retried), never a change. A DynamoDB stream serves at most
// two readers per shard at once without throttling them: this and the webhook fan-out.
import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { EventSourceMapping, FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { KPI_RECORD_TYPE } from '../functions/domain/metrics.ts';
import { CabinetFunction } from './cabinet-function.ts';

export interface CabinetKpiCounterProps {
  readonly table: ITable;
  readonly environment: Record<string, string>;
}

export class CabinetKpiCounter extends Construct {
  readonly counter: CabinetFunction;

  constructor(scope: Construct, id: string, props: CabinetKpiCounterProps) {
    super(scope, id);
    this.counter = new CabinetFunction(this, 'Counter', {
      entry: 'functions/jobs/kpi-counter.ts',
      description: 'KPI counter: new KPI records from the table stream, added to the platform counters exactly once',
      environment: props.environment,
      timeoutSeconds: 60,
    }).useTable(props.table, 'readWrite');
    const streamArn = props.table.tableStreamArn;
    // Without a stream (an adopted table without -c tableStreamArn) the records are written and never counted: the
    // webhooks construct warns of the missing stream already.
    if (!streamArn) return;
    this.counter.role.addToPolicy(
      new PolicyStatement({
        actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'],
        resources: [streamArn],
      }),
    );
    new EventSourceMapping(this, 'Stream', {
      target: this.counter.function,
      eventSourceArn: streamArn,
      startingPosition: StartingPosition.TRIM_HORIZON,
      // Up to 100 records a batch, gathered for at most 5 s: counts may lag a few seconds, each batch a few
      // transactions of 20 records (repositories/metrics.ts countKpiRecords).
      batchSize: 100,
      maxBatchingWindow: Duration.seconds(5),
      retryAttempts: 10,
      bisectBatchOnError: true,
      filters: [
        FilterCriteria.filter({
          eventName: FilterRule.isEqual('INSERT'),
          dynamodb: { NewImage: { type: { S: FilterRule.isEqual(KPI_RECORD_TYPE) } } },
        }),
      ],
    });
  }
}
