// The table's TTL attribute (epoch seconds; lib/stateful-stack.ts and local/bootstrap.ts enable it): one name for
// every short-lived item this module's callers write, so renaming it is a one-line change. It must be the table's
// (functions/core/table.ts, test/unit/ttl.test.ts): an item whose epoch lands in another attribute never expires.
export const TTL_ATTRIBUTE = 'ttl';

/** The TTL attribute set to `epochSeconds`. */
export const ttlAt = (epochSeconds: number): Record<string, number> => ({ [TTL_ATTRIBUTE]: Math.floor(epochSeconds) });
