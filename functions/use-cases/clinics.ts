// Seed 003's clinic creation by a platform operator: an organisation whose join code needs approval, with a temporary
// code (domain/temporary-code.ts) and its first ADMIN. A new address gets an account and a set-password link by
// e-mail (use-cases/set-password-link.ts): no password, link or token is ever in the answer. An address an account
// already holds gets an ADMIN invitation instead (use-cases/platform.ts createOrganisation): no membership without consent.
import { config } from '#core/config';
import { auditEntry } from '#domain/audit';
import type { Locale, MailJob } from '#domain/mail';
import type { Membership } from '#domain/membership';
import type { OrganisationRecord } from '#domain/organisation';
import type { VerifiedUser } from '#domain/principal';
import { TEMPORARY_CODE_HOURS, type TemporaryCode } from '#domain/temporary-code';
import type { User } from '#domain/user';
import { deliverNow } from '#mail/delivery';
import * as repo from '#repositories/platform';
import { withNewAccount } from './accounts.ts';
import { type MemberView, memberView } from './members.ts';
import { createUniqueOrganisation, type NewOrganisationOptions } from './new-organisation.ts';
import { accountOfAddress, createOrganisation, platformOrganisationView } from './platform.ts';
import { setPasswordLink, unusablePassword } from './set-password-link.ts';

export interface NewClinic extends OrganisationRecord {
  name: string;
  adminEmail: string;
  adminNom: string;
  adminPrenom: string;
  adminLocale?: Locale | undefined;
  /** How long the temporary code works (default TEMPORARY_CODE_HOURS.default). */
  validityHours?: number | undefined;
  /** A temporary code the operator chose, already in the format (upper case). */
  customTemporaryCode?: string | undefined;
}

export type ClinicAdmin =
  | { outcome: 'created'; member: MemberView; setPasswordLink: { emailedTo: string; expiresAt: string } }
  | { outcome: 'invited'; invitation: { id: string; email: string | undefined; role: 'ADMIN'; expiresAt: string } };

export interface CreatedClinic {
  organisation: ReturnType<typeof platformOrganisationView>;
  temporaryCode: TemporaryCode;
  admin: ClinicAdmin;
}

/** A clinic's join code: every redemption is a request its admins approve (seed 003's register-request). */
const CLINIC_JOIN_CODE = { requiresApproval: true } as const;

function clinicShape(input: NewClinic): Pick<NewOrganisationOptions, 'joinCode' | 'temporaryCode'> {
  return {
    joinCode: CLINIC_JOIN_CODE,
    temporaryCode: {
      hours: input.validityHours ?? TEMPORARY_CODE_HOURS.default,
      custom: input.customTemporaryCode,
      path: 'customTempCode',
    },
  };
}

const recordOf = (input: NewClinic): OrganisationRecord => ({
  ...(input.address ? { address: input.address } : {}),
  ...(input.phone ? { phone: input.phone } : {}),
  ...(input.contactEmail ? { contactEmail: input.contactEmail } : {}),
});

/** POST …/create-clinic: the clinic, its temporary code and its first ADMIN (created, or invited when the address has an account). */
export async function createClinic(caller: VerifiedUser, input: NewClinic): Promise<CreatedClinic> {
  if (await accountOfAddress(input.adminEmail)) {
    const created = await createOrganisation(
      caller,
      {
        organisationName: input.name,
        ...recordOf(input),
        adminEmail: input.adminEmail,
        adminNom: input.adminNom,
        adminPrenom: input.adminPrenom,
        adminLocale: input.adminLocale,
        expiresInHours: input.validityHours ?? TEMPORARY_CODE_HOURS.default,
      },
      clinicShape(input),
    );
    if (!created.temporaryCode) throw new Error('A clinic was created without its temporary code');
    return {
      organisation: created.organisation,
      temporaryCode: created.temporaryCode,
      admin: { outcome: 'invited', invitation: created.invitation },
    };
  }
  return createClinicWithNewAdmin(caller, input);
}

async function createClinicWithNewAdmin(caller: VerifiedUser, input: NewClinic): Promise<CreatedClinic> {
  const email = input.adminEmail;
  let job: MailJob | undefined;
  const created = await withNewAccount({ username: email, password: unusablePassword(), email }, (userId) =>
    createUniqueOrganisation(
      { organisationName: input.name, ...recordOf(input) },
      { defaultCountry: config.DEFAULT_COUNTRY, founders: 1, ...clinicShape(input) },
      async (organisation) => {
        const now = organisation.createdAt;
        const user: User = {
          id: userId,
          username: email,
          nom: input.adminNom,
          prenom: input.adminPrenom,
          // Typed by the operator: unverified until the person uses the link delivered there.
          email,
          emailVerified: false,
          ...(input.adminLocale ? { locale: input.adminLocale } : {}),
          currentOrganisationId: organisation.id,
          createdAt: now,
          updatedAt: now,
        };
        const membership: Membership = {
          organisationId: organisation.id,
          userId,
          username: email,
          nom: user.nom,
          prenom: user.prenom,
          role: 'ADMIN',
          status: 'ACTIVE',
          joinedAt: now,
          updatedAt: now,
        };
        const link = setPasswordLink(user, email, { organisationName: organisation.nom, role: 'ADMIN' }, new Date(now));
        const temporaryCode = organisation.joinCode.temporaryCode;
        if (!temporaryCode) throw new Error('A clinic was created without its temporary code');
        await repo.createOrganisationWithNewAdmin(caller.userId, organisation, { user, membership }, link.items, [
          auditEntry({
            organisationId: organisation.id,
            action: 'organisation.created-by-platform',
            actorId: caller.userId,
            target: organisation.id,
            // The temporary code itself stays out of the trail, as join codes do; its expiry is recorded.
            details: {
              nom: organisation.nom,
              superAdmin: caller.username,
              adminEmail: email,
              temporaryCodeExpiresAt: temporaryCode.expiresAt,
            },
            at: now,
          }),
          auditEntry({
            organisationId: organisation.id,
            action: 'member.added',
            actorId: caller.userId,
            target: userId,
            details: { username: email, role: 'ADMIN', newAccount: true, superAdmin: caller.username },
            at: now,
          }),
        ]);
        job = link.job;
        return {
          organisation: platformOrganisationView(organisation),
          temporaryCode,
          admin: {
            outcome: 'created' as const,
            member: memberView(membership),
            setPasswordLink: { emailedTo: email, expiresAt: link.expiresAt },
          },
        };
      },
    ),
  );
  if (job) await deliverNow([job]);
  return created;
}
