// The table's TTL attribute (epoch seconds; the table definition in functions/core/table.ts names it, and CDK and the
// local bootstrap enable it): every short-lived item sets it through ttlAt, so renaming it is a one-line change there.
import { TTL_ATTRIBUTE } from '#core/table';

export { TTL_ATTRIBUTE };

/** The TTL attribute set to `epochSeconds`. */
export const ttlAt = (epochSeconds: number): Record<string, number> => ({ [TTL_ATTRIBUTE]: Math.floor(epochSeconds) });
