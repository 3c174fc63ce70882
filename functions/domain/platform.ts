// Platform super-admin marker item: PLATFORM / SUPERADMIN#<userId>. Created only by `npm run create-super-admin`.
import { stableShard } from './shard.ts';

export interface SuperAdmin {
  userId: string;
  username: string;
  createdAt: string;
}

export const superAdminKey = (userId: string) => ({ pk: 'PLATFORM', sk: `SUPERADMIN#${userId}` });

export const superAdminItem = (admin: SuperAdmin) => ({ ...superAdminKey(admin.userId), type: 'SuperAdmin', ...admin });

/**
 * The platform's list of organisations (issue 20): every organisation sits in one of ORGANISATION_LIST_SHARDS GSI1
 * partitions, `ORGANISATIONS#<n>` with n a hash of its id, sorted newest first by gsi1sk = createdAt#id. One
 * partition for all of them would take every organisation's creation and deletion (about 1,000 writes/s for a
 * partition); 8 take 8,000. A page of the list is one Query per shard, merged (mergeOrganisationPages).
 */
export const ORGANISATION_LIST_SHARDS = 8;

/**
 * The one partition every organisation was listed under before the list was sharded. Items written before then keep
 * it until `npm run backfill-organisation-shards` moves them; the readers read it as one more shard meanwhile (an
 * empty Query once the backfill is done).
 */
export const LEGACY_ORGANISATIONS_GSI1PK = 'ORGANISATIONS';

/** The list shard of an organisation: FNV-1a of its id (stable: the shard is never recomputed differently). */
export const organisationListShard = (organisationId: string): number => stableShard(organisationId, ORGANISATION_LIST_SHARDS);

export const organisationListPk = (organisationId: string): string =>
  `${LEGACY_ORGANISATIONS_GSI1PK}#${organisationListShard(organisationId)}`;

/** Every partition a reader of the whole list queries: the shards, then the legacy partition. */
export const ORGANISATION_LIST_PKS: readonly string[] = [
  ...Array.from({ length: ORGANISATION_LIST_SHARDS }, (_, shard) => `${LEGACY_ORGANISATIONS_GSI1PK}#${shard}`),
  LEGACY_ORGANISATIONS_GSI1PK,
];

/**
 * Where a walk of every organisation (repositories/organisation-walk.ts: the shards one after the other) resumes: the
 * index in ORGANISATION_LIST_PKS and the GSI1 sort key walked last there (none: from the shard's start). A cursor is
 * `<index>|<gsi1sk>`. One written before the shards (a bare gsi1sk of the one former partition) or not understood
 * restarts the walk at the first shard: the walks are idempotent, and resuming in the former partition alone would
 * skip every organisation the backfill has already moved to a shard.
 */
export function organisationWalkPosition(cursor: string | undefined): { index: number; afterSk?: string } {
  const bar = cursor?.indexOf('|') ?? -1;
  if (cursor === undefined || bar < 0) return { index: 0 };
  const index = Number(cursor.slice(0, bar));
  const afterSk = cursor.slice(bar + 1);
  if (!Number.isInteger(index) || index < 0 || index >= ORGANISATION_LIST_PKS.length || organisationIdOfListKey(afterSk) === undefined) {
    return { index: 0 };
  }
  return { index, afterSk };
}

/** The walk's cursor after the organisation listed under `gsi1sk` in the shard at `index`. */
export const organisationWalkCursor = (index: number, gsi1sk: string): string => `${index}|${gsi1sk}`;

/** One shard's page, newest first, and whether that shard has more after it. */
export interface ListShardRead {
  keys: string[];
  more: boolean;
}

/**
 * The newest `limit` list keys (gsi1sk, `<createdAt>#<id>`) of the shards' pages, newest first, and whether the list
 * goes on after them. Each shard read at most `limit` keys below the cursor, so the `limit` newest of their union are
 * the `limit` newest of the whole list below the cursor: the page is exact, and its last key is the next cursor.
 */
export function mergeOrganisationPages(reads: readonly ListShardRead[], limit: number): { keys: string[]; more: boolean } {
  const all = reads.flatMap((read) => read.keys).sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
  const keys = all.slice(0, limit);
  return { keys, more: all.length > limit || (keys.length === limit && reads.some((read) => read.more)) };
}

/** The organisation id inside a list gsi1sk (`<createdAt>#<id>`), or undefined if it is not one. */
export function organisationIdOfListKey(gsi1sk: string): string | undefined {
  const match = /^\d{4}-\d{2}-\d{2}T[0-9:.]+Z#([A-Za-z0-9-]{1,64})$/.exec(gsi1sk);
  return match?.[1];
}
