// The stable shard of a key (patient search entries, the organisation list): FNV-1a of the key, modulo the shard
// count. Stable means never recomputed differently: items written under one shard are found there again, so the
// function must not change once items exist.

/** FNV-1a (32 bits) of `key`'s UTF-16 code units. */
export function fnv1a(key: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < key.length; index++) {
    hash ^= key.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** The shard of `key` among `shards`. */
export const stableShard = (key: string, shards: number): number => fnv1a(key) % shards;
