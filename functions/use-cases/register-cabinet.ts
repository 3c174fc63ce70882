// Registration of a new organisation with its first ADMIN: a Cognito user, then ONE DynamoDB transaction.
// If the transaction fails the Cognito user is deleted before answering; if Cognito fails nothing is written.
import { passwordLogin } from '#adapters/cognito';
import { nowIso } from '#core/ids';
import type { Membership } from '#domain/membership';
import type { Organisation } from '#domain/organisation';
import { permissionsOf } from '#domain/permissions';
import type { User } from '#domain/user';
import { auditRecord } from '#repositories/audit';
import { createOrganisationWithAdmin } from '#repositories/organisations';
import { withNewAccount } from './accounts.ts';
import { createUniqueOrganisation, type NewOrganisation } from './new-organisation.ts';
import { type Session, sessionOf } from './views.ts';

/** The first ADMIN's account and the organisation they create (its name, plan and record). */
export interface NewOrganisationAdmin extends NewOrganisation {
  username: string;
  password: string;
  nom: string;
  prenom: string;
  email?: string | undefined;
}

export interface RegisterOptions {
  /** Fixed id for seeded organisations (default-org-001); public registration always gets a random id. */
  organisationId?: string;
  defaultCountry: string;
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
    const { username: _u, password: _p, nom: _n, prenom: _f, email: _e, ...organisation } = input;
    return { user, organisation: await createOrganisationFor(user, organisation, { ...options, newUser: true }) };
  });
  return sessionOf(await passwordLogin(input.username, input.password), user, organisation, 'ADMIN', permissionsOf('ADMIN'));
}

/**
 * Creates an organisation whose ADMIN is `user`, in one transaction with its guards and audit entry. `newUser`
 * also writes the user's profile and username guard and points the user's tokens at the new organisation.
 */
export async function createOrganisationFor(
  user: User,
  input: NewOrganisation,
  options: RegisterOptions & { newUser: boolean },
): Promise<Organisation> {
  return createUniqueOrganisation(
    input,
    { id: options.organisationId, defaultCountry: options.defaultCountry, founders: 1 },
    async (organisation) => {
      const membership: Membership = {
        organisationId: organisation.id,
        userId: user.id,
        username: user.username,
        nom: user.nom,
        prenom: user.prenom,
        role: 'ADMIN',
        status: 'ACTIVE',
        joinedAt: organisation.createdAt,
        updatedAt: organisation.createdAt,
      };
      const audit = auditRecord({
        organisationId: organisation.id,
        action: 'organisation.created',
        actorId: user.id,
        target: user.id,
        details: { nom: organisation.nom, role: 'ADMIN' },
      });
      const newUser = options.newUser ? { ...user, currentOrganisationId: organisation.id } : undefined;
      await createOrganisationWithAdmin(organisation, newUser, membership, [audit]);
      return organisation;
    },
  );
}
