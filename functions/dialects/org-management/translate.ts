// Seed 004's words to Cabinet's use cases and back: plain functions over values, no rule of their own. Its `user`
// is a Cabinet account (e-mail = username), `admin` the built-in ADMIN role, `agent` the built-in MEMBER role.
import type { FieldError, RefusalName } from '#domain/refusal';
import type {
  adminInvitationResponse,
  agentListResponse,
  assignAdminBody,
  createAgentBody,
  organizationResponse,
  organizationWithUsersResponse,
  registeredResponse,
  registerWithOrganizationBody,
} from '#schemas/dialect-org-management';
import type { Infer } from '#schemas/lazy';
import type { addMemberBody } from '#schemas/members';
import type { registerAccountBody, registerCreateBody } from '#schemas/registration';
import type { MemberView } from '#use-cases/members';
import type { AdminAssignment, AdminCandidate } from '#use-cases/organisation-admins';
import type { Registration } from '#use-cases/registration';

export const AGENT_ROLE = 'MEMBER';

type RegisterInput = Infer<typeof registerCreateBody> | Infer<typeof registerAccountBody>;

export function registerInput(body: Infer<typeof registerWithOrganizationBody>): RegisterInput {
  const person = {
    email: body.email,
    password: body.password,
    confirmPassword: body.password,
    nom: body.lastname,
    prenom: body.firstname,
    gender: body.gender,
    ...(body.date_of_birth ? { dateOfBirth: body.date_of_birth } : {}),
    ...(body.phone ? { phone: body.phone } : {}),
    ...(body.avatar ? { avatarUrl: body.avatar } : {}),
    locale: undefined,
  };
  return body.is_organization
    ? {
        registrationType: 'create',
        ...person,
        organisationName: body.organization_name ?? '',
        description: body.organization_description,
        country: undefined,
        subscriptionTier: undefined,
      }
    : { registrationType: 'account', ...person };
}

interface OrganisationLike {
  id: string;
  nom: string;
  description?: string | undefined;
  createdAt: string;
  updatedAt: string;
}

export const organizationAnswer = (org: OrganisationLike): Infer<typeof organizationResponse> => ({
  id: org.id,
  name: org.nom,
  description: org.description ?? null,
  created_at: org.createdAt,
  updated_at: org.updatedAt,
});

export function registeredAnswer(
  registration: Registration,
  body: Infer<typeof registerWithOrganizationBody>,
): Infer<typeof registeredResponse> {
  // register-with-organization never joins by code: every outcome is a session.
  if (registration.outcome !== 'session') throw new Error('register-with-organization cannot be pending');
  const { session, organisation } = registration;
  return {
    user: {
      id: session.user.id,
      email: body.email,
      firstname: body.firstname,
      lastname: body.lastname,
      gender: body.gender,
      date_of_birth: body.date_of_birth ?? null,
      phone: body.phone ?? null,
      avatar: body.avatar ?? null,
      organization_id: session.user.organisationId,
    },
    organization: organisation ? organizationAnswer(organisation) : null,
    token: session.token,
    message: 'User registered successfully',
  };
}

/** A member as the seed's user: its username is the e-mail for every account created through the seed's routes. */
const seedPerson = (member: Pick<MemberView, 'userId' | 'username' | 'nom' | 'prenom'>) => ({
  id: member.userId,
  ...(member.username.includes('@') ? { email: member.username } : {}),
  firstname: member.prenom,
  lastname: member.nom,
});

/** The organisation with its members: those ACTIVE or SUSPENDED (a pending join request is not yet a user of it). */
export const organizationWithUsers = (org: OrganisationLike, members: MemberView[]): Infer<typeof organizationWithUsersResponse> => ({
  ...organizationAnswer(org),
  users: members.filter((member) => member.status !== 'PENDING').map(seedPerson),
});

/** The organisation's agents: its ACTIVE and SUSPENDED members of the agent role (MEMBER). */
export const agentsAnswer = (members: MemberView[], organisationId: string): Infer<typeof agentListResponse> => ({
  agents: members
    .filter((member) => member.role === AGENT_ROLE && member.status !== 'PENDING')
    .map((member) => ({ ...seedPerson(member), organization_id: organisationId })),
});

export const agentInput = (body: Infer<typeof createAgentBody>): Infer<typeof addMemberBody> => ({
  username: body.email,
  role: AGENT_ROLE,
  password: body.password,
  confirmPassword: body.password,
  nom: body.lastname,
  prenom: body.firstname,
  email: body.email,
  ...(body.gender ? { gender: body.gender } : {}),
  ...(body.phone ? { phone: body.phone } : {}),
  ...(body.avatar ? { avatarUrl: body.avatar } : {}),
});

export const memberAnswer = (member: MemberView, organisationId: string) => ({
  id: member.userId,
  email: member.username,
  firstname: member.prenom,
  lastname: member.nom,
  organization_id: organisationId,
});

export const adminCandidate = (body: Infer<typeof assignAdminBody>): AdminCandidate =>
  body.user_id !== undefined ? { userId: body.user_id } : { email: body.email ?? '', nom: body.lastname, prenom: body.firstname };

export const ADMIN_INVITED = 'Invitation sent: the person becomes admin of the organization when they accept it.';

export function adminAnswer(
  assignment: AdminAssignment,
  organisationId: string,
): { status: 201; body: { admin: ReturnType<typeof memberAnswer> } } | { status: 202; body: Infer<typeof adminInvitationResponse> } {
  if (assignment.outcome === 'promoted') return { status: 201, body: { admin: memberAnswer(assignment.member, organisationId) } };
  const { invitation } = assignment;
  return {
    status: 202,
    body: {
      message: ADMIN_INVITED,
      invitation: {
        id: invitation.id,
        ...(assignment.email ? { email: assignment.email } : {}),
        role: 'admin',
        status: 'pending',
        expires_at: invitation.expiresAt,
        organization_id: organisationId,
      },
    },
  };
}

// Errors, in Laravel's words.

/** Cabinet's field names back to the seed's (a use case names the field it was given). */
const FIELD = {
  username: 'email',
  organisationName: 'organization_name',
  confirmPassword: 'password',
  nom: 'lastname',
  prenom: 'firstname',
  avatarUrl: 'avatar',
  dateOfBirth: 'date_of_birth',
} as const satisfies Record<string, string>;

/** The seed's French messages for a taken e-mail or organisation name (its 422 example). */
export const TAKEN = {
  email: "L'adresse email est déjà utilisée.",
  organization_name: "Ce nom d'organisation est déjà utilisé.",
} as const;

export interface SeedError {
  status: number;
  body: { message: string; errors?: Record<string, string[]> };
}

/**
 * A Cabinet refusal as Laravel answers it: invalid fields, and a taken e-mail or name (Laravel's `unique` rule), are
 * 422 `{ message, errors: { field: [rules] } }`; the rest keep their status with `{ message }`. `name` is the field
 * the seed's route called the organisation (`name` on POST /api/organizations).
 */
export function seedError(
  refusal: { name: RefusalName; status: number; detail: string; fields?: readonly FieldError[] },
  context: { organisationNameField?: string; forbidden?: string } = {},
): SeedError {
  const nameField = context.organisationNameField ?? 'organization_name';
  const field = (path: string) => (path === 'organisationName' ? nameField : (FIELD[path as keyof typeof FIELD] ?? path));
  const errors: Record<string, string[]> = {};
  for (const error of refusal.fields ?? []) {
    const key = field(error.path);
    errors[key] = [...(errors[key] ?? []), error.message];
  }
  switch (refusal.name) {
    case 'validation-error':
    case 'password-policy':
      return { status: 422, body: { message: 'The given data was invalid.', errors } };
    case 'email-taken':
    case 'username-taken':
      return { status: 422, body: { message: 'The given data was invalid.', errors: { email: [TAKEN.email] } } };
    case 'organisation-name-taken':
      return { status: 422, body: { message: 'The given data was invalid.', errors: { [nameField]: [TAKEN.organization_name] } } };
    case 'missing-token':
    case 'invalid-token':
    case 'token-revoked':
      return { status: 401, body: { message: 'Unauthenticated.' } };
    case 'permission-denied':
    case 'role-above-caller':
      return { status: 403, body: { message: context.forbidden ?? 'This action is unauthorized.' } };
    case 'organisation-not-found':
      return { status: 404, body: { message: 'Organization not found' } };
    default:
      // A refusal that names fields keeps them, in Laravel's shape (the answer's `errors` is always that shape).
      return { status: refusal.status, body: { message: refusal.detail, ...(refusal.fields?.length ? { errors } : {}) } };
  }
}
