// Proven addresses: the verification token guard (EMAILTOKEN#<sha256>), the verified-address guard
// (EMAIL#<address>) and the profile's address fields, as transaction items. Uniqueness of a proven address comes
// only from the EMAIL# guard's condition, never from a read.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { db, TABLE } from '#adapters/dynamodb';
import {
  type VerificationToken,
  verificationTokenFromItem,
  verificationTokenItem,
  verificationTokenKey,
  verifiedEmailGuardItem,
  verifiedEmailGuardKey,
} from '#domain/email-verification';
import { userKey } from '#domain/user';
import { GUARD } from './guards.ts';
import { type NamedItem, putNew } from './transactions.ts';

/** The guard names of proven-address items (repositories/guards.ts). */
export const EMAIL_GUARD = { token: GUARD.verificationToken, profile: GUARD.profileEmail, verified: GUARD.verifiedEmail } as const;

/** Whether some account has proven `email` (its EMAIL# guard exists): that account owns the address. */
export async function isVerifiedElsewhere(email: string): Promise<boolean> {
  const { Item } = await db.send(new GetCommand({ TableName: TABLE, Key: verifiedEmailGuardKey(email), ConsistentRead: true }));
  return Item !== undefined;
}

export const verificationTokenWrite = (tokenHash: string, token: VerificationToken): NamedItem => ({
  item: putNew(TABLE, verificationTokenItem(tokenHash, token)),
  guard: EMAIL_GUARD.token,
});

export async function findVerificationToken(tokenHash: string): Promise<VerificationToken | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: TABLE, Key: verificationTokenKey(tokenHash), ConsistentRead: true }));
  return Item ? verificationTokenFromItem(Item) : undefined;
}

/** The account that proved `email`, if any (its EMAIL# guard). */
export async function findVerifiedEmailOwner(email: string): Promise<string | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: TABLE, Key: verifiedEmailGuardKey(email) }));
  return typeof Item?.userId === 'string' ? Item.userId : undefined;
}

/** The EMAIL# guard making `userId` the one owner of a proven address (its own guard may be written again). */
export const claimVerifiedEmail = (email: string, userId: string): NamedItem => ({
  item: {
    Put: {
      TableName: TABLE,
      Item: verifiedEmailGuardItem(email, userId),
      ConditionExpression: 'attribute_not_exists(pk) OR userId = :me',
      ExpressionAttributeValues: { ':me': userId },
    },
  },
  guard: EMAIL_GUARD.verified,
});

/** Frees an address the user had proven (when the address changes): only if the guard is still theirs. */
export const releaseVerifiedEmail = (email: string, userId: string): NamedItem => ({
  item: {
    Delete: {
      TableName: TABLE,
      Key: verifiedEmailGuardKey(email),
      ConditionExpression: 'attribute_not_exists(pk) OR userId = :me',
      ExpressionAttributeValues: { ':me': userId },
    },
  },
  guard: EMAIL_GUARD.verified,
});

/** The proof: the token used once (and still valid), the profile's address verified, the address claimed. */
export function confirmEmailItems(tokenHash: string, token: VerificationToken, now: string): NamedItem[] {
  return [
    {
      item: {
        Update: {
          TableName: TABLE,
          Key: verificationTokenKey(tokenHash),
          UpdateExpression: 'SET usedAt = :now',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(usedAt) AND validUntil > :now',
          ExpressionAttributeValues: { ':now': now },
        },
      },
      guard: EMAIL_GUARD.token,
    },
    {
      item: {
        Update: {
          TableName: TABLE,
          Key: userKey(token.userId),
          UpdateExpression: 'SET emailVerified = :true, emailVerifiedAt = :now, updatedAt = :now',
          ConditionExpression: 'attribute_exists(pk) AND email = :email',
          ExpressionAttributeValues: { ':true': true, ':now': now, ':email': token.email },
        },
      },
      guard: EMAIL_GUARD.profile,
    },
    claimVerifiedEmail(token.email, token.userId),
  ];
}

/**
 * A new address for the profile (null: none), unverified, conditioned on the address the caller read (a concurrent
 * change is refused rather than overwritten).
 */
export function setProfileEmailItem(userId: string, seen: string | undefined, next: string | null, now: string): NamedItem {
  const values: Record<string, unknown> = { ':false': false, ':now': now };
  let condition = 'attribute_exists(pk) AND attribute_not_exists(email)';
  if (seen !== undefined) {
    condition = 'attribute_exists(pk) AND email = :seen';
    values[':seen'] = seen;
  }
  if (next !== null) values[':email'] = next;
  return {
    item: {
      Update: {
        TableName: TABLE,
        Key: userKey(userId),
        UpdateExpression:
          next === null
            ? 'SET emailVerified = :false, updatedAt = :now REMOVE email, emailVerifiedAt'
            : 'SET email = :email, emailVerified = :false, updatedAt = :now REMOVE emailVerifiedAt',
        ConditionExpression: condition,
        ExpressionAttributeValues: values,
      },
    },
    guard: EMAIL_GUARD.profile,
  };
}

/** For a resend: the profile still has this address, not yet verified. */
export const expectUnverifiedEmail = (userId: string, email: string): NamedItem => ({
  item: {
    ConditionCheck: {
      TableName: TABLE,
      Key: userKey(userId),
      ConditionExpression: 'email = :email AND (attribute_not_exists(emailVerified) OR emailVerified = :false)',
      ExpressionAttributeValues: { ':email': email, ':false': false },
    },
  },
  guard: EMAIL_GUARD.profile,
});
