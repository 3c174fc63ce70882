// The pure rules of sessions per device (domain/session.ts): which recorded sessions are live, which one a token came
// through, what ending one revokes, and the device it began from.
import { describe, expect, it } from 'vitest';
import {
  deviceOf,
  isLive,
  isRevoked,
  issuedThrough,
  originKey,
  prunedRevocations,
  type Session,
  sessionFromItem,
  tokensOfSession,
  USER_AGENT_MAX,
} from '#domain/session';

const DAY = 86_400_000;
const BEGAN = 1_800_000_000_000;
const session = (more: Partial<Session> = {}): Session => ({
  userId: 'u1',
  clientId: 'api-client',
  createdAt: new Date(BEGAN).toISOString(),
  createdAtMs: BEGAN,
  idTokens: [
    { jti: 'first', exp: BEGAN / 1000 + 3600 },
    { jti: 'second', exp: BEGAN / 1000 + 7200 },
  ],
  id: 's1',
  ...more,
});

describe('isLive', () => {
  it('keeps a session until its refresh token expires (30 days)', () => {
    expect(isLive(session(), {}, BEGAN + 29 * DAY)).toBe(true);
    expect(isLive(session(), {}, BEGAN + 30 * DAY)).toBe(false);
  });

  it('drops a signed-out session and one begun at or before a sign-out everywhere', () => {
    expect(isLive(session({ revokedAt: new Date(BEGAN + 1).toISOString() }), {}, BEGAN + 2)).toBe(false);
    expect(isLive(session(), { tokensValidAfter: BEGAN }, BEGAN + 2)).toBe(false);
    expect(isLive(session(), { tokensValidAfter: BEGAN - 1 }, BEGAN + 2)).toBe(true);
  });
});

describe('issuedThrough', () => {
  it("finds the session a request's token came through by the token's jti", () => {
    expect(issuedThrough(session(), 'second')).toBe(true);
    expect(issuedThrough(session(), 'other')).toBe(false);
    expect(issuedThrough(session(), undefined)).toBe(false);
  });
});

describe('ending a session', () => {
  it('revokes every ID token it issued, and deployed its origin_jti for as long as it could refresh', () => {
    const ended = tokensOfSession(session({ originJti: 'origin-1' }));
    expect(ended.map((token) => token.jti)).toEqual(['first', 'second', originKey('origin-1')]);
    expect(ended[2]?.exp).toBe(Math.floor((BEGAN + 30 * DAY) / 1000));
    expect(tokensOfSession(session()).map((token) => token.jti)).toEqual(['first', 'second']);
  });

  it('refuses a later token of the ended session that the API never saw, by its origin_jti', () => {
    const revokedTokens = prunedRevocations(undefined, tokensOfSession(session({ originJti: 'origin-1' })), BEGAN / 1000);
    const gate = { revokedTokens, mfaEnabled: false };
    expect(isRevoked({ jti: 'minted-at-cognito', origin_jti: 'origin-1' }, gate)).toBe(true);
    expect(isRevoked({ jti: 'minted-at-cognito', origin_jti: 'origin-2' }, gate)).toBe(false);
    // An origin id and a token id never collide: a token whose jti happens to equal an ended origin is not refused.
    expect(isRevoked({ jti: 'origin-1' }, gate)).toBe(false);
  });
});

describe('the device a session began from', () => {
  it('keeps the source address and a bounded user agent, and nothing for a blank one', () => {
    expect(deviceOf({ sourceIp: '203.0.113.9', userAgent: '  Firefox/133.0 ' })).toEqual({
      sourceIp: '203.0.113.9',
      userAgent: 'Firefox/133.0',
    });
    expect(deviceOf({ sourceIp: '203.0.113.9', userAgent: 'x'.repeat(1000) }).userAgent).toHaveLength(USER_AGENT_MAX);
    expect(deviceOf({ sourceIp: '203.0.113.9', userAgent: '   ' })).toEqual({ sourceIp: '203.0.113.9' });
    expect(deviceOf(undefined)).toEqual({});
  });

  it('reads the id, the device and the last use back from the item', () => {
    const read = sessionFromItem({
      userId: 'u1',
      clientId: 'web-client',
      createdAt: 'c',
      createdAtMs: 1,
      idTokens: [],
      sessionId: 's9',
      lastUsedAt: 'l',
      userAgent: 'ua',
      sourceIp: '198.51.100.7',
      originJti: 'o',
    });
    expect(read).toMatchObject({ id: 's9', lastUsedAt: 'l', userAgent: 'ua', sourceIp: '198.51.100.7', originJti: 'o' });
  });
});
