// Session items (SESSION#<sha256 of the refresh token>) and the profile's revocation fields, as transaction items.
// domain/session.ts says why they exist; every write here is conditional on the state the caller read.
import { randomUUID } from 'node:crypto';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db, GSI1, TABLE } from '#adapters/dynamodb';
import { TTL_ATTRIBUTE } from '#core/table';
import { userPk } from '#domain/keys';
import {
  type IssuedToken,
  SESSION_GSI1SK_PREFIX,
  SESSION_RETENTION_DAYS,
  type Session,
  sessionFromItem,
  sessionKey,
} from '#domain/session';
import { type User, userKey } from '#domain/user';
import { GUARD } from './guards.ts';
import type { NamedItem } from './transactions.ts';

export async function getSession(refreshTokenHash: string): Promise<Session | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: TABLE, Key: sessionKey(refreshTokenHash), ConsistentRead: true }));
  return Item ? sessionFromItem(Item) : undefined;
}

/** A recorded session with the hash its item is keyed by (internal: never answered). */
export interface StoredSession {
  refreshTokenHash: string;
  session: Session;
}

/**
 * Every session the API recorded for the person, newest first (GSI1: USER#<id> / SESSION#…). A person has a handful;
 * items expire a day after their refresh token could, so the list stays short.
 */
export async function listSessionsOf(userId: string): Promise<StoredSession[]> {
  const sessions: StoredSession[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: TABLE,
        IndexName: GSI1,
        KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)',
        ExpressionAttributeValues: { ':pk': userPk(userId), ':prefix': SESSION_GSI1SK_PREFIX },
        ScanIndexForward: false,
        ExclusiveStartKey,
      }),
    );
    for (const item of page.Items ?? []) {
      sessions.push({ refreshTokenHash: String(item.pk).slice('SESSION#'.length), session: sessionFromItem(item) });
    }
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return sessions;
}

const expiry = (nowMs: number) => Math.floor(nowMs / 1000) + SESSION_RETENTION_DAYS * 86_400;

/**
 * Records an ID token issued through the session of `refreshTokenHash` (creating the session item the first time the
 * API sees it, created at `createdAtMs`: the first token's issuance, which the trigger puts after any revocation), unless the session was revoked or belongs to someone else meanwhile (ConditionFailed session).
 */
export function sessionTokenItem(
  refreshTokenHash: string,
  owner: { userId: string; clientId: string; username?: string | undefined },
  token: IssuedToken,
  at: { nowMs: number; createdAtMs: number },
  origin: { userAgent?: string; sourceIp?: string; originJti?: string | undefined } = {},
): NamedItem {
  const { nowMs } = at;
  const now = new Date(nowMs).toISOString();
  // Set once, when the session is first recorded: its opaque id and the device it began from.
  const firstSeen: Record<string, string> = { sessionId: randomUUID() };
  if (origin.userAgent) firstSeen.userAgent = origin.userAgent;
  if (origin.sourceIp) firstSeen.sourceIp = origin.sourceIp;
  if (origin.originJti) firstSeen.originJti = origin.originJti;
  const onceNames = Object.keys(firstSeen);
  return {
    item: {
      Update: {
        TableName: TABLE,
        Key: sessionKey(refreshTokenHash),
        UpdateExpression:
          'SET #type = :type, userId = if_not_exists(userId, :user), clientId = if_not_exists(clientId, :client), ' +
          (owner.username === undefined ? '' : 'username = if_not_exists(username, :username), ') +
          onceNames.map((name) => `${name} = if_not_exists(${name}, :${name})`).join(', ') +
          ', ' +
          'createdAt = if_not_exists(createdAt, :now), createdAtMs = if_not_exists(createdAtMs, :createdMs), ' +
          'idTokens = list_append(if_not_exists(idTokens, :none), :token), lastUsedAt = :now, ' +
          '#ttl = if_not_exists(#ttl, :ttl), gsi1pk = if_not_exists(gsi1pk, :userPk), gsi1sk = if_not_exists(gsi1sk, :userSk)',
        ConditionExpression: 'attribute_not_exists(revokedAt) AND (attribute_not_exists(userId) OR userId = :user)',
        ExpressionAttributeNames: { '#type': 'type', '#ttl': TTL_ATTRIBUTE },
        ExpressionAttributeValues: {
          ':type': 'Session',
          ':user': owner.userId,
          ':client': owner.clientId,
          ...(owner.username === undefined ? {} : { ':username': owner.username }),
          ...Object.fromEntries(onceNames.map((name) => [`:${name}`, firstSeen[name]])),
          ':now': now,
          ':createdMs': at.createdAtMs,
          ':none': [],
          ':token': [token],
          ':ttl': expiry(nowMs),
          // The person's sessions are listed through GSI1 (USER#<id> / SESSION#…), so deleting the account finds them.
          ':userPk': userPk(owner.userId),
          ':userSk': `${SESSION_GSI1SK_PREFIX}${new Date(at.createdAtMs).toISOString()}#${refreshTokenHash.slice(0, 16)}`,
        },
      },
    },
    guard: GUARD.session,
  };
}

/**
 * The profile still accepts a session created at `createdAtMs` (no sign-out everywhere or password change since),
 * and, for a sign-in, records it as the person's last sign-in.
 */
export function profileAcceptsSessionItem(userId: string, createdAtMs: number, lastLoginAt?: string): NamedItem {
  const condition = 'attribute_exists(pk) AND (attribute_not_exists(tokensValidAfter) OR tokensValidAfter < :created)';
  const values = { ':created': createdAtMs };
  return {
    item: lastLoginAt
      ? {
          Update: {
            TableName: TABLE,
            Key: userKey(userId),
            UpdateExpression: 'SET lastLoginAt = :at',
            ConditionExpression: condition,
            ExpressionAttributeValues: { ...values, ':at': lastLoginAt },
          },
        }
      : { ConditionCheck: { TableName: TABLE, Key: userKey(userId), ConditionExpression: condition, ExpressionAttributeValues: values } },
    guard: GUARD.sessionProfile,
  };
}

/** Marks a session signed out (idempotent: an already revoked session stays revoked at its first instant). */
export function revokeSessionItem(refreshTokenHash: string, userId: string, nowMs: number): NamedItem {
  return {
    item: {
      Update: {
        TableName: TABLE,
        Key: sessionKey(refreshTokenHash),
        UpdateExpression: 'SET revokedAt = if_not_exists(revokedAt, :now)',
        ConditionExpression: 'attribute_exists(pk) AND userId = :user',
        ExpressionAttributeValues: { ':now': new Date(nowMs).toISOString(), ':user': userId },
      },
    },
    guard: GUARD.session,
  };
}

/**
 * The profile's revocation fields rewritten: `revokedTokens` (already pruned by the caller), and `tokensValidAfter`
 * when given, conditioned on the revocationVersion the caller read, so two concurrent sign-outs never lose one
 * another's jtis (the loser gets ConditionFailed revocation and reads again). `set` adds other profile fields
 * changed in the same write (a new password's instant).
 */
export function revocationItem(
  user: Pick<User, 'id' | 'revocationVersion'>,
  change: { revokedTokens: Record<string, number>; tokensValidAfter?: number; set?: Record<string, unknown> },
): NamedItem {
  const version = user.revocationVersion ?? 0;
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':tokens': change.revokedTokens, ':next': version + 1 };
  const sets = ['revokedTokens = :tokens', 'revocationVersion = :next'];
  if (change.tokensValidAfter !== undefined) {
    sets.push('tokensValidAfter = :after');
    values[':after'] = change.tokensValidAfter;
  }
  for (const [index, [field, value]] of Object.entries(change.set ?? {}).entries()) {
    names[`#f${index}`] = field;
    values[`:f${index}`] = value;
    sets.push(`#f${index} = :f${index}`);
  }
  let condition = 'attribute_exists(pk) AND attribute_not_exists(revocationVersion)';
  if (user.revocationVersion !== undefined) {
    condition = 'attribute_exists(pk) AND revocationVersion = :seen';
    values[':seen'] = version;
  }
  return {
    item: {
      Update: {
        TableName: TABLE,
        Key: userKey(user.id),
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: condition,
        ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
        ExpressionAttributeValues: values,
      },
    },
    guard: GUARD.revocation,
  };
}
