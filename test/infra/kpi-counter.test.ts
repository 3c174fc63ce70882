// The KPI counter as synthesized: a second responsibility of the table stream's one consumer (the webhook fan-out's
// function, functions/jobs/table-stream.ts), not a reader of its own: one event source mapping, filtered to new Event
// and new KPI record items.
import { describe, expect, it } from 'vitest';
import { functionByDescription, resourcesOf, synthesizeCabinet, TEST_CONTEXT } from './cabinet-app.ts';

const { apiTemplate } = synthesizeCabinet({ context: TEST_CONTEXT });

const STREAM = 'Table stream: new events become webhook delivery jobs, attempted at once; new KPI records are counted';
const pattern = (type: string) => JSON.stringify({ eventName: ['INSERT'], dynamodb: { NewImage: { type: { S: [type] } } } });

type Mapping = { Properties: { FunctionName?: unknown; FilterCriteria?: { Filters?: { Pattern: string }[] } } };

describe('the KPI counter in the deployed stacks', () => {
  it('reads the table stream through the one event source mapping, filtered to new events and new KPI records', () => {
    const mappings = Object.values(resourcesOf(apiTemplate, 'AWS::Lambda::EventSourceMapping')) as Mapping[];
    // One reader of the stream: DynamoDB Streams serves two per shard without throttling, and the second is left free.
    expect(mappings).toHaveLength(1);
    const patterns = mappings[0]?.Properties.FilterCriteria?.Filters?.map((filter) => filter.Pattern);
    expect(patterns).toEqual([pattern('Event'), pattern('KpiRecord')]);
    const [id] = functionByDescription(apiTemplate, STREAM);
    expect(mappings[0]?.Properties.FunctionName).toEqual({ Ref: id });
  });

  it('has no function of its own', () => {
    const functions = Object.values(resourcesOf(apiTemplate, 'AWS::Lambda::Function')) as { Properties: { Description?: string } }[];
    expect(functions.filter((fn) => /KPI/.test(fn.Properties.Description ?? ''))).toHaveLength(1);
    expect(functions.filter((fn) => fn.Properties.Description?.startsWith('KPI counter:'))).toHaveLength(0);
  });
});
