// Registration of a new organisation with its first ADMIN: a Cognito user, then ONE DynamoDB transaction.
// If the transaction fails the Cognito user is deleted before answering; if Cognito fails nothing is written.
import { nowIso } from '#core/ids';
import type { Locale, MailJob } from '#domain/mail';
import type { Membership } from '#domain/membership';
import type { CountedOrganisation, Organisation } from '#domain/organisation';
import { permissionsOf } from '#domain/permissions';
import { newUser, type ProfileFieldsInput, type User } from '#domain/user';
import { deliverNow } from '#mail/delivery';
import { auditRecord } from '#repositories/audit';
import { createOrganisationWithAdmin } from '#repositories/organisations';
import type { NamedItem } from '#repositories/transactions';
import { type Client, limitRegistration } from './abuse-limits.ts';
import { withNewAccount } from './accounts.ts';
import { verificationMail } from './email-verification.ts';
import { createUniqueOrganisation, type NewOrganisation, type NewOrganisationOptions } from './new-organisation.ts';
import { signInNewAccount } from './signed-in.ts';
import { type Session, sessionOf } from './views.ts';

/**
 * The first ADMIN's account (with their optional profile: `phone` is the person's) and the organisation they create:
 * its name, plan and record, the organisation's own phone aside (PATCH /api/organisations/{id} sets it later).
 */
export interface NewOrganisationAdmin extends ProfileFieldsInput, Omit<NewOrganisation, 'phone'> {
  username: string;
  password: string;
  nom: string;
  prenom: string;
  /** Stated by the registrant: unverified until they open the link sent there. */
  email?: string | undefined;
  locale?: Locale | undefined;
}

/** The organisation part of a registration: its own fields only (the person's profile fields stay with the person). */
const organisationOf = (input: NewOrganisationAdmin): NewOrganisation => ({
  organisationName: input.organisationName,
  country: input.country,
  subscriptionTier: input.subscriptionTier,
  description: input.description,
  maxUsers: input.maxUsers,
  licenseNumber: input.licenseNumber,
  contactEmail: input.contactEmail,
  address: input.address,
});

export interface RegisterOptions {
  /** Fixed id for seeded organisations (default-org-001); public registration always gets a random id. */
  organisationId?: string;
  defaultCountry: string;
  /** A join policy other than the default, and what a dialect adds to the organisation (seed 002's number). */
  joinCode?: NewOrganisationOptions['joinCode'];
  extras?: NewOrganisationOptions['extras'];
}

/** POST /api/auth/register-cabinet: rate limited per client and per username, then registerOrganisationAdmin. */
export async function registerCabinet(input: NewOrganisationAdmin, options: RegisterOptions, client: Client): Promise<Session> {
  await limitRegistration(client, input.username);
  return registerOrganisationAdmin(input, options, client);
}

export async function registerOrganisationAdmin(input: NewOrganisationAdmin, options: RegisterOptions, client?: Client): Promise<Session> {
  return (await registerOrganisationAdminWith(input, options, client)).session;
}

/** registerOrganisationAdmin, also answering the organisation as created (seed 004 shows its description and times). */
export async function registerOrganisationAdminWith(
  input: NewOrganisationAdmin,
  options: RegisterOptions,
  client?: Client,
): Promise<{ session: Session; organisation: Organisation; account: User }> {
  let verification: MailJob | undefined;
  const { user, organisation } = await withNewAccount(input, async (userId) => {
    const now = nowIso();
    const user = newUser(
      {
        ...input,
        id: userId,
        email: input.email ? { address: input.email, proof: 'stated' } : undefined,
      },
      now,
    );
    // The verification link's token and mail job commit with the account, or not at all.
    const mail = input.email ? verificationMail(user, input.email) : undefined;
    verification = mail?.job;
    return {
      user,
      organisation: await createOrganisationFor(user, organisationOf(input), { ...options, newUser: true, extraItems: mail?.items ?? [] }),
    };
  });
  if (verification) await deliverNow([verification]);
  const session = sessionOf(
    await signInNewAccount(input.username, input.password, client),
    user,
    organisation,
    'ADMIN',
    permissionsOf('ADMIN'),
  );
  return { session, organisation, account: user };
}

/**
 * Creates an organisation whose ADMIN is `user`, in one transaction with its guards and audit entry. `newUser`
 * also writes the user's profile and username guard and points the user's tokens at the new organisation.
 */
export async function createOrganisationFor(
  user: User,
  input: NewOrganisation,
  options: RegisterOptions & { newUser: boolean; extraItems?: NamedItem[] },
): Promise<CountedOrganisation> {
  return createUniqueOrganisation(
    input,
    { id: options.organisationId, defaultCountry: options.defaultCountry, founders: 1, joinCode: options.joinCode, extras: options.extras },
    async (organisation, extraItems) => {
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
      await createOrganisationWithAdmin(organisation, newUser, membership, [audit, ...(options.extraItems ?? []), ...extraItems]);
      return organisation;
    },
  );
}
