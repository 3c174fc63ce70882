import { describe, expect, it } from 'vitest';
import { verifiedTenant } from '#domain/tenant';
import { decodeCursor, encodeCursor } from '#repositories/cursor';

const tenant = (organisationId: string) =>
  verifiedTenant({ organisationId, userId: 'u', username: 'u', role: 'ADMIN', permissions: new Set() });

describe('list cursors', () => {
  it('round-trips for the tenant that received it', () => {
    const cursor = encodeCursor(tenant('org-a'), 'PATIENT#123');
    expect(decodeCursor(tenant('org-a'), cursor, 'PATIENT#')).toBe('PATIENT#123');
  });

  it('is refused when replayed by another tenant', () => {
    const cursor = encodeCursor(tenant('org-a'), 'PATIENT#123');
    expect(() => decodeCursor(tenant('org-b'), cursor, 'PATIENT#')).toThrow(expect.objectContaining({ refusal: 'invalid-cursor' }));
  });

  it('is refused when it points outside the listed item type or is garbage', () => {
    const cursor = encodeCursor(tenant('org-a'), 'MEMBER#123');
    expect(() => decodeCursor(tenant('org-a'), cursor, 'PATIENT#')).toThrow(expect.objectContaining({ refusal: 'invalid-cursor' }));
    expect(() => decodeCursor(tenant('org-a'), '%%%', 'PATIENT#')).toThrow(expect.objectContaining({ refusal: 'invalid-cursor' }));
  });
});
