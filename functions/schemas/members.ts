// Request and response schemas of the member, custom-role and invitation routes, and of invitation acceptance.
import * as z from 'zod/mini';
import { MAX_INVITATION_HOURS } from '#domain/invitation';
import { BUILT_IN_ROLES, PERMISSIONS } from '#domain/permissions';
import { PROFILE_FIELDS } from '#domain/user';
import { description, locale, pageQuery, password, personName, resourceId, username } from './common.ts';
import { lazy } from './lazy.ts';
import { profileFields } from './profile-fields.ts';
import {
  type AreaExamples,
  accountInvitation,
  BERNARD,
  CREATED,
  claireMember,
  INVITATION,
  invitation,
  MARTIN,
  MARTIN_ORG,
  martinOrg,
  one,
  REFRESH,
  secretaryRole,
  TOKEN,
} from './walkthrough.ts';

/** A role named in a body or path: a built-in role (ADMIN, MEMBER, VIEWER) or a custom role's name. */
export const roleRef = /* @__PURE__ */ lazy(() =>
  z
    .string()
    .check(z.trim(), z.regex(/^[A-Za-z][A-Za-z0-9_-]{1,39}$/, 'Role must be 2 to 40 letters, digits, _ or -, starting with a letter')),
);

/** A new custom role's name: lower case, never a built-in role's name in any case. */
const customRoleName = /* @__PURE__ */ lazy(() =>
  z.string().check(
    z.trim(),
    z.regex(/^[a-z][a-z0-9_-]{1,39}$/, 'Name must be 2 to 40 lower-case letters, digits, _ or -, starting with a letter'),
    z.refine(
      (name) => !Object.keys(BUILT_IN_ROLES).some((builtIn) => builtIn.toLowerCase() === name.toLowerCase()),
      'Name must not be a built-in role (ADMIN, MEMBER, VIEWER)',
    ),
  ),
);

const permissionList = /* @__PURE__ */ lazy(() =>
  z.array(z.enum(PERMISSIONS, 'Unknown permission')).check(
    z.minLength(1, 'At least one permission is required'),
    z.refine((list) => new Set(list).size === list.length, 'Permissions must not repeat'),
  ),
);

/** An invitation's email becomes the invitee's username, so it must also be a valid username. */
export const inviteEmail = /* @__PURE__ */ lazy(() =>
  z
    .string()
    .check(
      z.trim(),
      z.toLowerCase(),
      z.regex(z.regexes.email, 'Email must be a valid email address'),
      z.maxLength(128, 'Email must be at most 128 characters'),
      z.regex(/^[a-z0-9._@+-]*$/, 'Email may contain only letters, digits and . _ @ + -'),
    ),
);

export const organisationParams = /* @__PURE__ */ lazy(() => z.strictObject({ id: resourceId() }));
export const memberParams = /* @__PURE__ */ lazy(() => z.strictObject({ id: resourceId(), userId: resourceId() }));
export const roleParams = /* @__PURE__ */ lazy(() => z.strictObject({ id: resourceId(), name: roleRef() }));
export const invitationParams = /* @__PURE__ */ lazy(() => z.strictObject({ id: resourceId(), invitationId: resourceId() }));
export const memberListQuery = pageQuery;

const newAccountFields = ['password', 'confirmPassword', 'nom', 'prenom', 'email', ...PROFILE_FIELDS] as const;

/**
 * Adds an existing user ({username, role}) or creates the account too ({username, password, nom, prenom, …}).
 * One object with a cross-field rule rather than a union, so every failing field is listed at once.
 */
export const addMemberBody = /* @__PURE__ */ lazy(() =>
  z
    .strictObject({
      username: username(),
      role: roleRef(),
      password: z.optional(password()),
      confirmPassword: z.optional(z.string()),
      nom: z.optional(personName('Nom')),
      prenom: z.optional(personName('Prénom')),
      email: z.optional(z.email('Email must be a valid email address').check(z.maxLength(254, 'Email must be at most 254 characters'))),
      ...profileFields(),
    })
    .check(
      z.superRefine(
        (body, ctx) => {
          const value = body as Record<string, unknown>;
          if (value.password === undefined) {
            // Without a password the user must already exist: the account fields would be silently ignored.
            for (const field of newAccountFields) {
              if (value[field] !== undefined) {
                ctx.addIssue({
                  code: 'custom',
                  path: [field],
                  message: `${field} is only accepted with password (new account)`,
                  input: value[field],
                });
              }
            }
            return;
          }
          for (const field of ['nom', 'prenom'] as const) {
            if (value[field] === undefined)
              ctx.addIssue({ code: 'custom', path: [field], message: `${field} is required for a new account`, input: undefined });
          }
          if (value.confirmPassword !== undefined && value.confirmPassword !== value.password) {
            ctx.addIssue({ code: 'custom', path: ['confirmPassword'], message: 'Passwords do not match', input: value.confirmPassword });
          }
        },
        { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
      ),
    ),
);

export const updateMemberBody = /* @__PURE__ */ lazy(() =>
  z
    .strictObject({
      role: z.optional(roleRef()),
      status: z.optional(z.enum(['ACTIVE', 'SUSPENDED'], 'Status must be ACTIVE or SUSPENDED')),
    })
    .check(z.refine((body) => body.role !== undefined || body.status !== undefined, 'Give role and/or status')),
);

export const createRoleBody = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    name: customRoleName(),
    description: z.optional(description()),
    permissions: permissionList(),
  }),
);

export const updateRoleBody = /* @__PURE__ */ lazy(() =>
  z
    .strictObject({
      permissions: z.optional(permissionList()),
      description: z.optional(z.nullable(description())),
    })
    .check(z.refine((body) => body.permissions !== undefined || body.description !== undefined, 'Give permissions and/or description')),
);

export const createInvitationBody = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    email: inviteEmail(),
    role: roleRef(),
    expiresInHours: z.optional(
      z
        .number('expiresInHours must be a number')
        .check(
          z.int('expiresInHours must be an integer'),
          z.minimum(1, 'expiresInHours must be at least 1'),
          z.maximum(MAX_INVITATION_HOURS, `expiresInHours must be at most ${MAX_INVITATION_HOURS} (30 days)`),
        ),
    ),
    /** The language of the invitation e-mail (the invitee has no profile yet). */
    locale: locale(),
  }),
);

export const INVITATION_LIST_STATUSES = ['PENDING', 'ACCEPTED', 'REVOKED', 'DECLINED', 'EXPIRED'] as const;

export const invitationListQuery = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    ...pageQuery().shape,
    status: z.optional(z.enum(INVITATION_LIST_STATUSES, 'Status must be PENDING, ACCEPTED, REVOKED, DECLINED or EXPIRED')),
  }),
);

export const acceptInvitationBody = /* @__PURE__ */ lazy(() =>
  z
    .strictObject({
      token: z.string().check(z.regex(/^[A-Za-z0-9_-]{20,200}$/, 'Invalid invitation token')),
      password: z.optional(password()),
      confirmPassword: z.optional(z.string()),
      nom: z.optional(personName('Nom')),
      prenom: z.optional(personName('Prénom')),
      locale: locale(),
      /** A new account's username when it should not be the invited address (e.g. someone else registered it). */
      username: z.optional(username()),
      ...profileFields(),
    })
    .check(
      z.refine((body) => body.confirmPassword === undefined || body.confirmPassword === body.password, {
        message: 'Passwords do not match',
        path: ['confirmPassword'],
      }),
    ),
);

// Responses.
export const memberView = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    userId: z.string(),
    username: z.string(),
    nom: z.string(),
    prenom: z.string(),
    role: z.string(),
    status: z.enum(['ACTIVE', 'SUSPENDED', 'PENDING']),
    joinedAt: z.string(),
  }),
);
export const memberListResponse = /* @__PURE__ */ lazy(() =>
  z.strictObject({ items: z.array(memberView()), nextCursor: z.nullable(z.string()) }),
);
export const memberResponse = /* @__PURE__ */ lazy(() => z.strictObject({ member: memberView() }));

export const roleView = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    name: z.string(),
    description: z.optional(z.string()),
    permissions: z.array(z.string()),
    builtIn: z.boolean(),
    usageCount: z.optional(z.number()),
    createdAt: z.optional(z.string()),
    updatedAt: z.optional(z.string()),
  }),
);
export const roleListResponse = /* @__PURE__ */ lazy(() => z.strictObject({ items: z.array(roleView()) }));
export const roleResponse = /* @__PURE__ */ lazy(() => z.strictObject({ role: roleView() }));

/** An invitation as its organisation's admins see it: to an address (`email`) or to an account (`username`). */
export const invitationView = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    id: z.string(),
    email: z.optional(z.string()),
    username: z.optional(z.string()),
    role: z.string(),
    status: z.enum(INVITATION_LIST_STATUSES),
    expiresAt: z.string(),
    createdAt: z.string(),
  }),
);
/** The token is never in an answer: it travels only in the e-mail sent to the invited address. */
export const invitationCreatedResponse = /* @__PURE__ */ lazy(() => z.strictObject({ invitation: invitationView() }));
export const invitationListResponse = /* @__PURE__ */ lazy(() =>
  z.strictObject({ items: z.array(invitationView()), nextCursor: z.nullable(z.string()) }),
);

/** What an existing account's addition answers (202): an invitation it must accept, the same whoever the name is. */
export const accountInvitedResponse = /* @__PURE__ */ lazy(() => z.strictObject({ invitation: invitationView() }));

/** An invitation as its invitee sees it (GET /api/auth/invitations). */
export const receivedInvitation = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    id: z.string(),
    organisation: z.strictObject({ id: z.string(), nom: z.string() }),
    role: z.string(),
    /** How it reached the person: to their account, or to their verified address. */
    addressedTo: z.enum(['account', 'email']),
    expiresAt: z.string(),
    createdAt: z.string(),
  }),
);
export const receivedInvitationListResponse = /* @__PURE__ */ lazy(() => z.strictObject({ items: z.array(receivedInvitation()) }));
export const receivedInvitationParams = /* @__PURE__ */ lazy(() => z.strictObject({ invitationId: resourceId() }));

export const acceptedByMemberResponse = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    organisation: z.strictObject({ id: z.string(), nom: z.string() }),
    membership: z.strictObject({ role: z.string(), status: z.literal('ACTIVE') }),
  }),
);

/** The OpenAPI examples of the members routes (functions/routes/members.ts), by route: called by the OpenAPI document alone. */
export const membersExamples = (): AreaExamples => ({
  listMembers: {
    responses: {
      200: one('One page', {
        items: [
          { userId: MARTIN, username: 'dr.martin', nom: 'Martin', prenom: 'Jean', role: 'ADMIN', status: 'ACTIVE', joinedAt: CREATED },
          claireMember,
        ],
        nextCursor: null,
      }),
    },
  },
  addMember: {
    request: {
      existing: { summary: 'An existing account', value: { username: 'claire.dubois@example.org', role: 'MEMBER' } },
      newAccount: {
        summary: 'Seed 004: a new account',
        value: { username: 'agent.petit', password: 'Accueil2025!x', nom: 'Petit', prenom: 'Lucas', role: 'VIEWER' },
      },
    },
    responses: {
      201: one('A new account, member at once', { member: claireMember }),
      202: one('An existing account is invited: it becomes a member once it accepts', { invitation: accountInvitation }),
    },
  },
  updateMember: {
    request: one('Suspend', { status: 'SUSPENDED' }),
    responses: { 200: one('Updated', { member: { ...claireMember, status: 'SUSPENDED' } }) },
  },
  removeMember: {},
  listRoles: {
    responses: {
      200: one('Built-in and custom roles', {
        items: [
          // The built-in roles as GET /roles answers them: their one definition (domain/permissions.ts).
          ...Object.entries(BUILT_IN_ROLES).map(([name, permissions]) => ({ name, permissions, builtIn: true })),
          secretaryRole,
        ],
      }),
    },
  },
  createRole: {
    request: one('A custom role', {
      name: 'secretary',
      description: 'Front desk: patients and the member list',
      permissions: ['patients:read', 'patients:write', 'members:read'],
    }),
    responses: { 201: one('Created', { role: secretaryRole }) },
  },
  updateRole: {
    request: one('Read-only patients', { permissions: ['patients:read', 'members:read'] }),
    responses: {
      200: one('Updated', {
        role: { ...secretaryRole, permissions: ['patients:read', 'members:read'], updatedAt: '2026-11-23T06:20:05.530Z' },
      }),
    },
  },
  deleteRole: {},
  createInvitation: {
    request: one('Invite a second ADMIN', { email: 'dr.bernard@example.org', role: 'ADMIN' }),
    responses: { 201: one('Created and e-mailed: the one-time token travels only in the e-mail', { invitation: invitation }) },
  },
  listInvitations: { responses: { 200: one('One page', { items: [invitation], nextCursor: null }) } },
  revokeInvitation: {},
  acceptInvitation: {
    request: {
      newAccount: {
        summary: 'Anonymous: create the account',
        value: {
          token: 'pyHobazfZV8cQ2rM5tN1xL0a',
          password: 'Bernard2025!x',
          confirmPassword: 'Bernard2025!x',
          nom: 'Bernard',
          prenom: 'Sophie',
        },
      },
      signedIn: { summary: 'Signed in (bearer token): add the membership', value: { token: 'pyHobazfZV8cQ2rM5tN1xL0a' } },
      chosenUsername: {
        summary: 'Anonymous, with a username of its own (the invited address stays the account’s verified address)',
        value: {
          token: 'pyHobazfZV8cQ2rM5tN1xL0a',
          username: 'sophie.bernard',
          password: 'Bernard2025!x',
          confirmPassword: 'Bernard2025!x',
          nom: 'Bernard',
          prenom: 'Sophie',
        },
      },
    },
    responses: {
      200: one('Membership added', {
        organisation: { id: MARTIN_ORG, nom: 'Cabinet Dr Martin' },
        membership: { role: 'ADMIN', status: 'ACTIVE' },
      }),
      201: one('Account created and signed in', {
        token: TOKEN,
        refreshToken: REFRESH,
        expiresIn: 86400,
        user: {
          id: BERNARD,
          username: 'dr.bernard@example.org',
          role: 'ADMIN',
          organisationId: MARTIN_ORG,
          nom: 'Bernard',
          prenom: 'Sophie',
        },
        organisation: martinOrg,
      }),
    },
  },
  listReceivedInvitations: {
    responses: {
      200: one('One invitation, to the account', {
        items: [
          {
            id: INVITATION,
            organisation: { id: MARTIN_ORG, nom: 'Cabinet Dr Martin' },
            role: 'MEMBER',
            addressedTo: 'account',
            expiresAt: '2026-11-26T03:09:34.676Z',
            createdAt: '2026-11-23T03:09:34.676Z',
          },
        ],
      }),
    },
  },
  acceptReceivedInvitation: {
    responses: {
      200: one('Now a member', {
        organisation: { id: MARTIN_ORG, nom: 'Cabinet Dr Martin' },
        membership: { role: 'MEMBER', status: 'ACTIVE' },
      }),
    },
  },
  declineReceivedInvitation: {},
});
