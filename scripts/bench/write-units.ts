// DynamoDB's write cost of a transaction, from its items' sizes, by the rules AWS publishes: an item's size is the sum
// of its attribute names and values (strings in UTF-8 bytes, numbers about 1 byte per 2 significant digits plus 1,
// booleans and nulls 1 byte, lists and maps 3 bytes plus 1 byte and the size of each element); a transactional write
// costs 2 write units per started KB of each item, and each global secondary index the item belongs to (it has the
// index's key attributes) a standard write of 1 unit per started KB of what it projects. DynamoDB Local's own
// ConsumedCapacity figures are not exact (../shared/LOCAL-EMULATORS.md), so the bench reports both.

export interface IndexShape {
  partitionKey: string;
  sortKey: string;
  projection: 'ALL' | 'KEYS_ONLY';
}

const utf8 = (value: string): number => Buffer.byteLength(value, 'utf8');

/** The stored size of a number: 1 byte per two significant digits (zeros at either end trimmed), plus 1. */
export function numberSize(value: number): number {
  const digits = Math.abs(value).toExponential().replace(/e.*$/, '').replace('.', '').replace(/0+$/, '');
  return Math.ceil(Math.max(digits.length, 1) / 2) + 1;
}

/** The size of one attribute value (an unmarshalled, document-client value). */
export function valueSize(value: unknown): number {
  if (value === null || value === undefined || typeof value === 'boolean') return 1;
  if (typeof value === 'string') return utf8(value);
  if (typeof value === 'number') return numberSize(value);
  if (value instanceof Uint8Array) return value.byteLength;
  if (value instanceof Set) return [...value].reduce((sum: number, entry) => sum + valueSize(entry), 0);
  if (Array.isArray(value)) return 3 + value.reduce((sum: number, entry) => sum + 1 + valueSize(entry), 0);
  if (typeof value === 'object')
    return 3 + Object.entries(value).reduce((sum, [name, entry]) => sum + utf8(name) + 1 + valueSize(entry), 0);
  throw new Error(`no DynamoDB size for a ${typeof value}`);
}

/** The size of an item in bytes: every attribute's name and value. */
export const itemSize = (item: Record<string, unknown>): number =>
  Object.entries(item).reduce((sum, [name, value]) => sum + (value === undefined ? 0 : utf8(name) + valueSize(value)), 0);

const units = (bytes: number): number => Math.max(1, Math.ceil(bytes / 1024));

/** The write units a transaction of these new items consumes: 2 per KB each, plus its index writes. */
export function transactionWriteUnits(
  items: readonly Record<string, unknown>[],
  indexes: readonly IndexShape[],
  keys: { partitionKey: string; sortKey: string },
): number {
  return items.reduce((sum, item) => {
    const base = 2 * units(itemSize(item));
    const indexed = indexes
      .filter((index) => item[index.partitionKey] !== undefined && item[index.sortKey] !== undefined)
      .reduce((total, index) => {
        const projected =
          index.projection === 'ALL'
            ? item
            : Object.fromEntries([keys.partitionKey, keys.sortKey, index.partitionKey, index.sortKey].map((name) => [name, item[name]]));
        return total + units(itemSize(projected));
      }, 0);
    return sum + base + indexed;
  }, 0);
}
