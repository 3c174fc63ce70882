// Webhook delivery as synthesized: the table's stream feeds the fan-out through a filtered event source mapping, the
// sweeper runs every minute, and no deployed function may deliver to a loopback receiver (the local-only setting).
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { FAN_OUT_MIN_TIMEOUT_MS, FAN_OUT_TIMEOUT_SECONDS } from '#domain/webhook';
import { STREAM_PARALLELIZATION_FACTOR, WEBHOOK_ENVIRONMENT } from '../../lib/webhooks.ts';
import { functionByDescription, resourcesOf, synthesizeCabinet, TEST_CONTEXT } from './cabinet-app.ts';

const { apiTemplate, dataTemplate } = synthesizeCabinet({ context: TEST_CONTEXT });

const FAN_OUT = 'Table stream: new events become webhook delivery jobs, attempted at once; new KPI records are counted';
const SWEEPER = 'Webhook sweeper: retries due deliveries with backoff, disables an endpoint after its last failure';

type Fn = { Properties: { Description?: string; Environment?: { Variables?: Record<string, unknown> } } };

describe('webhooks in the deployed stacks', () => {
  it('turns the local loopback receiver off and the real retry schedule on in every function of CabinetApi', () => {
    const functions = Object.values(resourcesOf(apiTemplate, 'AWS::Lambda::Function')) as Fn[];
    const withWebhooks = functions.filter((fn) => fn.Properties.Environment?.Variables?.WEBHOOK_RETRY_SCHEDULE !== undefined);
    // The six API functions, the fan-out and the webhook sweeper.
    expect(withWebhooks.length).toBe(8);
    for (const fn of functions) {
      const variables = fn.Properties.Environment?.Variables ?? {};
      expect(variables.WEBHOOK_ALLOW_LOOPBACK_HTTP ?? 'false', fn.Properties.Description).toBe('false');
    }
    for (const fn of withWebhooks) {
      expect(fn.Properties.Environment?.Variables).toMatchObject({ WEBHOOK_ALLOW_LOOPBACK_HTTP: 'false', WEBHOOK_RETRY_SCHEDULE: 'real' });
    }
  });

  it('streams new images of the table to the fan-out, filtered to new Event items (and the KPI records)', () => {
    dataTemplate.hasResourceProperties('AWS::DynamoDB::Table', { StreamSpecification: { StreamViewType: 'NEW_IMAGE' } });
    apiTemplate.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      StartingPosition: 'TRIM_HORIZON',
      FilterCriteria: {
        Filters: [
          { Pattern: JSON.stringify({ eventName: ['INSERT'], dynamodb: { NewImage: { type: { S: ['Event'] } } } }) },
          { Pattern: JSON.stringify({ eventName: ['INSERT'], dynamodb: { NewImage: { type: { S: ['KpiRecord'] } } } }) },
        ],
      },
      FunctionName: Match.anyValue(),
    });
  });

  it('runs the webhook sweeper every minute', () => {
    apiTemplate.hasResourceProperties('AWS::Events::Rule', {
      Description: 'Runs the webhook sweeper every minute',
      ScheduleExpression: 'rate(1 minute)',
    });
  });

  it('gives the fan-out the time for a first attempt and its first retry, and the sweeper a claim it cannot outlive', () => {
    const [, fanOut] = functionByDescription(apiTemplate, FAN_OUT);
    const [, sweeper] = functionByDescription(apiTemplate, SWEEPER);
    expect(fanOut.Properties?.Timeout).toBe(FAN_OUT_TIMEOUT_SECONDS);
    expect(Number(fanOut.Properties?.Timeout) * 1000).toBeGreaterThanOrEqual(FAN_OUT_MIN_TIMEOUT_MS);
    // A job is claimed for longer than either function may run: an attempt under way is never made twice.
    const claim = Number(WEBHOOK_ENVIRONMENT.WEBHOOK_CLAIM_SECONDS);
    for (const fn of [fanOut, sweeper]) {
      expect(claim).toBeGreaterThan(Number(fn.Properties?.Timeout));
      expect((fn.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables?.WEBHOOK_CLAIM_SECONDS).toBe(
        String(claim),
      );
    }
  });

  it('runs several batches of a shard at once, so a batch waiting for a first retry holds back no other tenant', () => {
    expect(STREAM_PARALLELIZATION_FACTOR).toBeGreaterThan(1);
    apiTemplate.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      ParallelizationFactor: STREAM_PARALLELIZATION_FACTOR,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 10,
    });
  });
});
