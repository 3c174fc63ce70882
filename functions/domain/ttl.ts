// The table's TTL attribute (epoch seconds; lib/stateful-stack.ts and local/bootstrap.ts enable it on the attribute
// functions/core/table.ts names): one name for every short-lived item, so renaming it is a one-line change there.
import { TTL_ATTRIBUTE } from '#core/table';

export { TTL_ATTRIBUTE };

/** The TTL attribute set to `epochSeconds`. */
export const ttlAt = (epochSeconds: number): Record<string, number> => ({ [TTL_ATTRIBUTE]: Math.floor(epochSeconds) });
