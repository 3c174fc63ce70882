// The KPI counter as synthesized: the table stream's second consumer, through an event source mapping filtered to new
// KPI record items, with read-write access to the table and the stream's read actions on that stream only.
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { resourcesOf, synthesizeCabinet, TEST_CONTEXT } from './cabinet-app.ts';

const { apiTemplate } = synthesizeCabinet({ context: TEST_CONTEXT });

describe('the KPI counter in the deployed stacks', () => {
  it('reads the table stream filtered to new KPI records, apart from the webhook fan-out', () => {
    const mappings = Object.values(resourcesOf(apiTemplate, 'AWS::Lambda::EventSourceMapping')) as {
      Properties: { FilterCriteria?: { Filters?: { Pattern: string }[] } };
    }[];
    const patterns = mappings.map((mapping) => mapping.Properties.FilterCriteria?.Filters?.[0]?.Pattern);
    // Two consumers of the stream, the most a DynamoDB stream serves per shard without throttling its readers.
    expect(mappings).toHaveLength(2);
    expect(patterns).toContain(JSON.stringify({ eventName: ['INSERT'], dynamodb: { NewImage: { type: { S: ['KpiRecord'] } } } }));
    apiTemplate.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 100,
      FilterCriteria: {
        Filters: [{ Pattern: JSON.stringify({ eventName: ['INSERT'], dynamodb: { NewImage: { type: { S: ['KpiRecord'] } } } }) }],
      },
      FunctionName: Match.anyValue(),
    });
  });

  it('is a function of its own, described as the KPI counter', () => {
    const functions = Object.values(resourcesOf(apiTemplate, 'AWS::Lambda::Function')) as { Properties: { Description?: string } }[];
    expect(functions.filter((fn) => fn.Properties.Description?.startsWith('KPI counter:'))).toHaveLength(1);
  });
});
