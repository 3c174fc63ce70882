// Registration of a new organisation with its first ADMIN: a Cognito user, then ONE DynamoDB transaction.
// If the transaction fails the Cognito user is deleted before answering; if Cognito fails nothing is written.
import { passwordLogin, type Tokens } from '#adapters/cognito';
import { ConflictError } from '#core/errors';
import { newId, newJoinCode, nowIso } from '#core/ids';
import type { Membership } from '#domain/membership';
import { nameKey, slugify } from '#domain/names';
import { DEFAULT_JOIN_CODE_POLICY, type Organisation } from '#domain/organisation';
import type { User } from '#domain/user';
import { auditRecord } from '#repositories/audit';
import { createOrganisationWithAdmin } from '#repositories/organisations';
import { UniquenessConflict, type NamedItem } from '#repositories/transactions';
import { withNewAccount } from './accounts.ts';
import { organisationSummary, userView } from './views.ts';

export interface NewOrganisationAdmin {
  username: string;
  password: string;
  nom: string;
  prenom: string;
  email?: string | undefined;
  organisationName: string;
  country?: string | undefined;
  subscriptionTier?: string | undefined;
}

export interface Session {
  token: string;
  refreshToken: string;
  expiresIn: number;
  user: ReturnType<typeof userView>;
  organisation: ReturnType<typeof organisationSummary>;
}

// Join codes and slugs are random/derived, so a collision is retried with a fresh value; names are not.
const MAX_ATTEMPTS = 5;
const DEFAULT_MAX_USERS = 50;

export interface RegisterOptions {
  /** Fixed id for seeded organisations (default-org-001); public registration always gets a random id. */
  organisationId?: string;
  defaultCountry: string;
  /** Extra items written in the same transaction (e.g. an audit entry), built from the new ids. */
  extraItems?: (org: Organisation, user: User) => NamedItem[];
}

export async function registerOrganisationAdmin(input: NewOrganisationAdmin, options: RegisterOptions): Promise<Session> {
  const { user, organisation } = await withNewAccount(input, async (userId) => {
    const now = nowIso();
    const user: User = {
      id: userId,
      username: input.username,
      nom: input.nom,
      prenom: input.prenom,
      ...(input.email ? { email: input.email } : {}),
      createdAt: now,
      updatedAt: now,
    };
    return { user, organisation: await createOrganisationFor(user, input, { ...options, newUser: true }) };
  });
  const tokens: Tokens = await passwordLogin(input.username, input.password);
  return {
    token: tokens.token,
    refreshToken: tokens.refreshToken ?? '',
    expiresIn: tokens.expiresIn,
    user: userView(user, organisation.id, 'ADMIN'),
    organisation: organisationSummary(organisation, true),
  };
}


export type NewOrganisation = Pick<NewOrganisationAdmin, 'organisationName' | 'country' | 'subscriptionTier'> & {
  description?: string | undefined;
};

/**
 * Creates an organisation whose ADMIN is `user`, in one transaction with its guards and audit entry (join code
 * and slug collisions are retried with fresh values). `newUser` also writes the user's profile and username guard
 * and points the user's tokens at the new organisation.
 */
export async function createOrganisationFor(
  user: User,
  input: NewOrganisation,
  options: RegisterOptions & { newUser: boolean },
): Promise<Organisation> {
  const now = nowIso();
  const userId = user.id;
  const baseSlug = slugify(input.organisationName) || 'organisation';
  let organisation: Organisation | undefined;
  for (let attempt = 0; attempt < MAX_ATTEMPTS && !organisation; attempt++) {
    const candidate: Organisation = {
      id: options.organisationId ?? newId(),
      nom: input.organisationName,
      nameKey: nameKey(input.organisationName),
      slug: attempt === 0 ? baseSlug : `${baseSlug}-${newJoinCode().slice(0, 4)}`,
      code: newJoinCode(),
      status: 'ACTIVE',
      country: input.country ?? options.defaultCountry,
      subscriptionTier: input.subscriptionTier ?? 'free',
      maxUsers: DEFAULT_MAX_USERS,
      ...(input.description ? { description: input.description } : {}),
      memberCount: 1,
      adminCount: 1,
      joinCode: { ...DEFAULT_JOIN_CODE_POLICY },
      createdAt: now,
      updatedAt: now,
    };
    const membership: Membership = {
      organisationId: candidate.id,
      userId,
      username: user.username,
      nom: user.nom,
      prenom: user.prenom,
      role: 'ADMIN',
      status: 'ACTIVE',
      joinedAt: now,
      updatedAt: now,
    };
    try {
      const audit = auditRecord({
        organisationId: candidate.id,
        action: 'organisation.created',
        actorId: userId,
        target: userId,
        details: { nom: candidate.nom, role: 'ADMIN' },
      });
      await createOrganisationWithAdmin(candidate, options.newUser ? { ...user, currentOrganisationId: candidate.id } : undefined, membership, [
        audit,
        ...(options.extraItems?.(candidate, user) ?? []),
      ]);
      organisation = candidate;
    } catch (error) {
      if (!(error instanceof UniquenessConflict)) throw error;
      if (error.guards.includes('organisationName')) {
        throw new ConflictError('An organisation with this name already exists.', [
          { path: 'organisationName', message: 'Organisation name is already taken' },
        ]);
      }
      if (error.guards.includes('username')) {
        throw new ConflictError('This username is already taken.', [{ path: 'username', message: 'Username is already taken' }]);
      }
      if (error.guards.some((guard) => guard !== 'joinCode' && guard !== 'slug')) throw error;
    }
  }
  if (!organisation) throw new Error('Could not allocate a unique join code and slug');
  return organisation;
}
