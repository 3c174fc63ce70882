// Business metrics are CloudWatch embedded metric format lines (functions/core/metrics.ts): one JSON line per event,
// in the Cabinet namespace, under [service, function] and [service], never a per-user dimension.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { withLogContext } from '#core/log-context';
import { emitMetric, METRIC, secondsBetween } from '#core/metrics';

/** The JSON lines written to stdout while `act` runs. */
function linesOf(act: () => void): Record<string, any>[] {
  const written: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  try {
    act();
  } finally {
    spy.mockRestore();
  }
  return written
    .join('')
    .split('\n')
    .filter((line) => line.trim().startsWith('{'))
    .map((line) => JSON.parse(line));
}

afterEach(() => vi.restoreAllMocks());

describe('emitMetric', () => {
  it('writes one EMF line: namespace, both dimension sets, the metric with its unit, its value and context', () => {
    const [line, ...rest] = linesOf(() =>
      withLogContext({ function: 'sessions', requestId: 'req-1', organisationId: 'org-1', userId: 'user-1' }, () =>
        emitMetric('signInsFailed', 1, { problem: 'invalid-credentials' }),
      ),
    );
    expect(rest).toEqual([]);
    expect(line?._aws).toEqual({
      Timestamp: expect.any(Number),
      CloudWatchMetrics: [
        { Namespace: 'Cabinet', Dimensions: [['service', 'function'], ['service']], Metrics: [{ Name: 'SignInsFailed', Unit: 'Count' }] },
      ],
    });
    expect(line).toMatchObject({
      service: 'cabinet',
      function: 'sessions',
      SignInsFailed: 1,
      requestId: 'req-1',
      organisationId: 'org-1',
      problem: 'invalid-credentials',
    });
    // The user is never a dimension nor even a property of a metric line.
    expect(JSON.stringify(line)).not.toContain('user-1');
  });

  it('records durations in seconds', () => {
    const [line] = linesOf(() => withLogContext({ function: 'member-write' }, () => emitMetric('timeToApproval', 90)));
    expect(line?._aws.CloudWatchMetrics[0].Metrics).toEqual([{ Name: 'TimeToApproval', Unit: 'Seconds' }]);
    expect(line?.TimeToApproval).toBe(90);
    expect(secondsBetween('2026-11-23T10:00:00.000Z', '2026-11-23T10:01:30.400Z')).toBe(90);
    expect(secondsBetween('2026-11-23T10:01:00.000Z', '2026-11-23T10:00:00.000Z')).toBe(0);
  });

  it('names every metric once, in PascalCase', () => {
    const names = Object.values(METRIC).map((metric) => metric.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[A-Z][A-Za-z]+$/);
  });
});
