// The partition keys items are built on. Every tenant item lives under organisationPk(<id from a verified
// context>): this is the only place `ORG#` is spelled, so isolation by key design has a single owner.
export const ORGANISATION_KEY_PREFIX = 'ORG#';

/** The partition of an organisation's items (and the GSI1 sort key of a user's memberships). */
export const organisationPk = (organisationId: string): string => `${ORGANISATION_KEY_PREFIX}${organisationId}`;

/** The organisation id of an organisation partition key, or undefined for any other partition. */
export const organisationIdOfPk = (pk: string): string | undefined =>
  pk.startsWith(ORGANISATION_KEY_PREFIX) ? pk.slice(ORGANISATION_KEY_PREFIX.length) : undefined;

/** The partition of a user's profile (and the GSI1 partition of their memberships). */
export const userPk = (userId: string): string => `USER#${userId}`;
