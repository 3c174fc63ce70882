// Seed 002's words to Cabinet's use cases and back: plain functions over values, no rule of their own. Its `admin` is
// Cabinet's built-in ADMIN; its other roles are custom roles an organisation created here starts with; its numeric
// organisation id is the organisation's number in the public directory (domain/directory.ts).
import type { Organisation } from '#domain/organisation';
import type { User } from '#domain/user';
import type {
  dualModeCreateBody,
  dualModeCreateOrganizationBody,
  dualModeJoinBody,
  dualModeOrganization,
  dualModeUpdateOrganizationBody,
  dualModeUser,
  SeedRole,
} from '#schemas/dialect-dual-mode';
import type { Infer } from '#schemas/lazy';
import type { createOrganisationBody, updateOrganisationBody } from '#schemas/organisations';
import type { registerCreateBody } from '#schemas/registration';
import type { DirectoryPolicy } from '#use-cases/directory';
import type { Joiner } from '#use-cases/registration';

/** The seed's default country for a new organisation ("default: 'SA'"); Cabinet's own default is the deployment's. */
export const SEED_COUNTRY = 'SA';

/**
 * The roles an organisation created through this dialect starts with, besides Cabinet's ADMIN (the seed's admin), and
 * its join policy: joining by number gives `lawyer` (the seed's default) and nothing above it.
 */
export const DUAL_MODE_POLICY: DirectoryPolicy = {
  joinRole: 'lawyer',
  roles: [
    {
      name: 'senior_lawyer',
      description: 'Senior lawyer: the files, the members, and the audit trail',
      permissions: ['patients:read', 'patients:write', 'members:read', 'audit:read'],
    },
    {
      name: 'lawyer',
      description: 'Lawyer: reads and writes the files, sees the members',
      permissions: ['patients:read', 'patients:write', 'members:read'],
    },
    { name: 'paralegal', description: 'Paralegal: reads and writes the files', permissions: ['patients:read', 'patients:write'] },
    { name: 'clerk', description: 'Clerk: reads the files', permissions: ['patients:read'] },
  ],
};

/** The seed's role → Cabinet's role name (admin is the built-in ADMIN; the others are the custom roles above). */
export const cabinetRole = (role: SeedRole): string => (role === 'admin' ? 'ADMIN' : role);

/** Cabinet's role → the seed's spelling: lower case (ADMIN → admin; MEMBER, VIEWER of other organisations too). */
export const seedRoleOf = (role: string): string => role.toLowerCase();

export const fullNameOf = (user: Pick<User, 'nom' | 'prenom'>): string => `${user.prenom} ${user.nom}`.trim();

/** The seed's User from Cabinet's profile and, while it is ACTIVE, the membership the token names. */
export function userAnswer(
  user: User,
  signedInto?: { organisation: Partial<Pick<Organisation, 'number' | 'status'>>; role: string },
): Infer<typeof dualModeUser> {
  // Shown while the organisation is ACTIVE, as Cabinet's me shows it (one being deleted, suspended: none).
  const current = signedInto?.organisation.status === undefined || signedInto.organisation.status === 'ACTIVE' ? signedInto : undefined;
  return {
    id: user.id,
    email: user.email ?? user.username,
    fullName: fullNameOf(user),
    organizationId: current?.organisation.number ?? null,
    role: current ? seedRoleOf(current.role) : null,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
  };
}

/** Mode 2 as Cabinet's registration "create" (the seed's country default). */
export const createInput = (body: Infer<typeof dualModeCreateBody>): Infer<typeof registerCreateBody> => ({
  registrationType: 'create',
  email: body.email,
  password: body.password,
  confirmPassword: body.confirmPassword,
  fullName: body.fullName,
  locale: undefined,
  organisationName: body.organizationName,
  country: body.country ?? SEED_COUNTRY,
  subscriptionTier: body.subscriptionTier,
});

/** Mode 1's person, as Cabinet's registration takes a joiner. */
export const joiner = (body: Infer<typeof dualModeJoinBody>): Joiner => ({
  email: body.email,
  password: body.password,
  confirmPassword: body.confirmPassword,
  fullName: body.fullName,
  locale: undefined,
});

// The seed's one free-text contactInfo is Cabinet's contactEmail when it is an address (as in every example of the
// seed), else its address field; it reads back from whichever holds it.
const ADDRESS = /^[^\s@]{1,64}@[^\s@]{1,189}\.[^\s@]{2,63}$/;

function contactFields(contactInfo: string | null): { contactEmail: string | null; address: string | null } {
  if (contactInfo === null) return { contactEmail: null, address: null };
  return ADDRESS.test(contactInfo)
    ? { contactEmail: contactInfo.toLowerCase(), address: null }
    : { contactEmail: null, address: contactInfo };
}

/** POST /api/organizations as Cabinet's createOrganisation (the seed's country default). */
export function createOrganisationInput(body: Infer<typeof dualModeCreateOrganizationBody>): Infer<typeof createOrganisationBody> {
  const contact = contactFields(body.contactInfo ?? null);
  return {
    name: body.name,
    country: body.country ?? SEED_COUNTRY,
    subscriptionTier: body.subscriptionTier,
    ...(body.licenseNumber !== undefined ? { licenseNumber: body.licenseNumber } : {}),
    ...(contact.contactEmail ? { contactEmail: contact.contactEmail } : {}),
    ...(contact.address ? { address: contact.address } : {}),
  };
}

/** PATCH /api/organizations/:id as Cabinet's update (the starting tier it may repeat changes nothing). */
export function updateOrganisationInput(body: Infer<typeof dualModeUpdateOrganizationBody>): Infer<typeof updateOrganisationBody> {
  return {
    ...(body.name !== undefined ? { name: body.name } : {}),
    ...(body.country !== undefined ? { country: body.country } : {}),
    ...(body.licenseNumber !== undefined ? { licenseNumber: body.licenseNumber } : {}),
    ...(body.contactInfo !== undefined ? contactFields(body.contactInfo) : {}),
  } as Infer<typeof updateOrganisationBody>;
}

/** What an organisation view (Cabinet's answer, which already applied who sees the record) shows, as the seed's. */
interface ViewLike {
  nom: string;
  country: string;
  subscriptionTier: string;
  licenseNumber?: string | undefined;
  contactEmail?: string | undefined;
  address?: string | undefined;
  createdAt: string;
  updatedAt: string;
}

export function organizationAnswer(view: ViewLike, number: number, listed: boolean): Infer<typeof dualModeOrganization> {
  const contactInfo = view.contactEmail ?? view.address;
  return {
    id: number,
    name: view.nom,
    country: view.country,
    subscriptionTier: view.subscriptionTier,
    ...(view.licenseNumber ? { licenseNumber: view.licenseNumber } : {}),
    ...(contactInfo ? { contactInfo } : {}),
    listed,
    createdAt: view.createdAt,
    updatedAt: view.updatedAt,
  };
}
