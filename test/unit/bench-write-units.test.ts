// The bench's write-cost model (scripts/bench/write-units.ts): DynamoDB's published item-size and write-unit rules.
import { describe, expect, it } from 'vitest';
import { itemSize, numberSize, transactionWriteUnits, valueSize } from '../../scripts/bench/write-units.ts';

const keys = { partitionKey: 'pk', sortKey: 'sk' };
const gsi1 = { partitionKey: 'gsi1pk', sortKey: 'gsi1sk', projection: 'ALL' as const };

describe('itemSize', () => {
  it('adds up attribute names and values: strings in UTF-8 bytes, booleans and nulls one byte', () => {
    expect(itemSize({ pk: 'ORG#1', sk: 'X' })).toBe(2 + 5 + 2 + 1);
    expect(itemSize({ nom: 'Élise' })).toBe(3 + 6);
    expect(itemSize({ ok: true, gone: null })).toBe(2 + 1 + 4 + 1);
  });

  it('sizes numbers by their significant digits, two to a byte, plus one', () => {
    expect(numberSize(0)).toBe(2);
    expect(numberSize(7)).toBe(2);
    expect(numberSize(12)).toBe(2);
    expect(numberSize(123)).toBe(3);
    expect(numberSize(1_700_000_000)).toBe(2);
    expect(numberSize(1_765_101_234)).toBe(6);
    expect(numberSize(-0.25)).toBe(2);
  });

  it('gives lists and maps 3 bytes, and each element 1 byte besides its own size', () => {
    expect(valueSize([])).toBe(3);
    expect(valueSize(['ab', 'c'])).toBe(3 + (1 + 2) + (1 + 1));
    expect(valueSize({ actorId: 'u1' })).toBe(3 + 7 + 1 + 2);
    expect(itemSize({ data: { changes: ['nom'] } })).toBe(4 + 3 + 7 + 1 + (3 + 1 + 3));
  });
});

describe('transactionWriteUnits', () => {
  it('charges 2 units per started KB of each item', () => {
    const small = { pk: 'a', sk: 'b' };
    const big = { pk: 'a', sk: 'c', blob: 'x'.repeat(1500) };
    expect(transactionWriteUnits([small], [gsi1], keys)).toBe(2);
    expect(transactionWriteUnits([small, big], [gsi1], keys)).toBe(2 + 4);
  });

  it('adds a standard write per KB for each index an item is in, and only those', () => {
    const indexed = { pk: 'a', sk: 'b', gsi1pk: 'WHQ#1', gsi1sk: '2026' };
    const halfIndexed = { pk: 'a', sk: 'c', gsi1pk: 'WHQ#1' };
    expect(transactionWriteUnits([indexed], [gsi1], keys)).toBe(3);
    expect(transactionWriteUnits([halfIndexed], [gsi1], keys)).toBe(2);
    const wide = { ...indexed, blob: 'x'.repeat(1500) };
    expect(transactionWriteUnits([wide], [gsi1], keys)).toBe(4 + 2);
    expect(transactionWriteUnits([wide], [{ ...gsi1, projection: 'KEYS_ONLY' }], keys)).toBe(4 + 1);
  });
});
