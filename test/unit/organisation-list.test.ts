// The platform's sharded list of organisations (domain/platform.ts): the shard of an id, and the merge of the shards'
// pages into one newest-first page whose last key is the next cursor.
import { describe, expect, it } from 'vitest';
import { organisationItem } from '#domain/organisation';
import {
  LEGACY_ORGANISATIONS_GSI1PK,
  mergeOrganisationPages,
  ORGANISATION_LIST_PKS,
  ORGANISATION_LIST_SHARDS,
  organisationListPk,
  organisationListShard,
  organisationWalkCursor,
  organisationWalkPosition,
} from '#domain/platform';

const key = (second: number, id: string) => `2026-12-07T10:00:${String(second).padStart(2, '0')}.000Z#${id}`;

/** The list over values: every key in `shards`, newest first, paged as the repository pages it. */
function pageThrough(shards: string[][], limit: number): string[][] {
  const pages: string[][] = [];
  let cursor: string | undefined;
  for (;;) {
    const reads = shards.map((keys) => {
      const below = [...keys]
        .sort()
        .reverse()
        .filter((k) => cursor === undefined || k < cursor);
      return { keys: below.slice(0, limit), more: below.length > limit };
    });
    const page = mergeOrganisationPages(reads, limit);
    pages.push(page.keys);
    if (!page.more) return pages;
    cursor = page.keys.at(-1);
  }
}

describe('the list shard of an organisation', () => {
  it('is stable, in range, and spreads ids over every shard', () => {
    const ids = Array.from({ length: 800 }, (_, index) => `0a42d951-602f-4fd0-bf14-${String(index).padStart(12, '0')}`);
    const counts = new Array(ORGANISATION_LIST_SHARDS).fill(0);
    for (const id of ids) {
      const shard = organisationListShard(id);
      expect(organisationListShard(id)).toBe(shard);
      counts[shard]++;
    }
    for (const count of counts) expect(count).toBeGreaterThan(800 / ORGANISATION_LIST_SHARDS / 2);
    expect(organisationListPk(ids[0] as string)).toBe(`ORGANISATIONS#${organisationListShard(ids[0] as string)}`);
  });

  it('is the gsi1pk the organisation item is written with, and readers read every shard and the former key', () => {
    const item = organisationItem({ id: 'org-1', createdAt: '2026-12-07T10:00:00.000Z' } as never);
    expect(item.gsi1pk).toBe(organisationListPk('org-1'));
    expect(item.gsi1sk).toBe('2026-12-07T10:00:00.000Z#org-1');
    expect(ORGANISATION_LIST_PKS).toHaveLength(ORGANISATION_LIST_SHARDS + 1);
    expect(ORGANISATION_LIST_PKS).toContain(item.gsi1pk);
    expect(ORGANISATION_LIST_PKS.at(-1)).toBe(LEGACY_ORGANISATIONS_GSI1PK);
  });
});

describe('a page of the sharded list', () => {
  it('merges the shards newest first and keeps only `limit`', () => {
    const page = mergeOrganisationPages(
      [
        { keys: [key(9, 'a'), key(5, 'b')], more: true },
        { keys: [key(8, 'c'), key(7, 'd')], more: false },
        { keys: [], more: false },
      ],
      3,
    );
    expect(page).toEqual({ keys: [key(9, 'a'), key(8, 'c'), key(7, 'd')], more: true });
  });

  it('says the list ends when no shard has more and the union fits', () => {
    expect(
      mergeOrganisationPages(
        [
          { keys: [key(1, 'a')], more: false },
          { keys: [], more: false },
        ],
        2,
      ),
    ).toEqual({
      keys: [key(1, 'a')],
      more: false,
    });
  });

  it('walks every organisation exactly once, newest first, however they fall over the shards', () => {
    const all = Array.from({ length: 53 }, (_, index) => key(index, `org-${index}`));
    // Uneven shards: most in one, a few in others, one empty.
    const shards = [
      all.filter((_, i) => i % 5 !== 0),
      all.filter((_, i) => i % 5 === 0 && i % 2 === 0),
      [],
      all.filter((_, i) => i % 10 === 5),
    ];
    for (const limit of [1, 2, 7, 20, 100]) {
      const pages = pageThrough(shards, limit);
      for (const page of pages) expect(page.length).toBeLessThanOrEqual(limit);
      expect(pages.flat()).toEqual([...all].sort().reverse());
    }
  });
});

describe('the position of a walk of every organisation', () => {
  const sk = key(7, '0a42d951-602f-4fd0-bf14-a74ced19aa26');

  it('resumes in the shard its cursor names, after the organisation it names', () => {
    const cursor = organisationWalkCursor(3, sk);
    expect(cursor).toBe(`3|${sk}`);
    expect(organisationWalkPosition(cursor)).toEqual({ index: 3, afterSk: sk });
    expect(organisationWalkPosition(organisationWalkCursor(ORGANISATION_LIST_PKS.length - 1, sk))).toEqual({
      index: ORGANISATION_LIST_PKS.length - 1,
      afterSk: sk,
    });
  });

  it('starts at the first shard without a cursor', () => {
    expect(organisationWalkPosition(undefined)).toEqual({ index: 0 });
  });

  it('restarts at the first shard from a cursor written before the shards (a bare sort key of the former partition)', () => {
    expect(organisationWalkPosition(sk)).toEqual({ index: 0 });
  });

  it('restarts at the first shard from a cursor it does not understand', () => {
    for (const cursor of [`9|${sk}`, `-1|${sk}`, `x|${sk}`, '2|not-a-key', `1.5|${sk}`, '|']) {
      expect(organisationWalkPosition(cursor), cursor).toEqual({ index: 0 });
    }
  });
});
