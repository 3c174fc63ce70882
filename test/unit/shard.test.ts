// The stable shard (domain/shard.ts): FNV-1a as published (its test vectors), so that items written under a shard are
// found there again by every reader (patient search entries, the organisation list).
import { describe, expect, it } from 'vitest';
import { fnv1a, stableShard } from '#domain/shard';

describe('the stable shard of a key', () => {
  it('is FNV-1a, 32 bits', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('foobar')).toBe(0xbf9cf968);
  });

  it('is the hash modulo the shard count', () => {
    expect(stableShard('foobar', 8)).toBe(0xbf9cf968 % 8);
    expect(stableShard('a', 16)).toBe(0xe40c292c % 16);
  });
});
