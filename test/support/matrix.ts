// The permission matrix's rules and world: what each built-in role may do (as issue 3 states it), the exact status
// a route × role × own/foreign cell must answer, the organisations the matrix runs against (each holding a thing
// of every kind), and how a cell's request is sent.
import type { Permission } from '#domain/permissions';
import { type ApiResponse, api, PASSWORD, registerCabinet, unique } from './api.ts';
import { tokenFromMail, VERIFICATION_SUBJECT, verifyAccountAddress, verifyFromMail } from './mail.ts';
import { signIn } from './organisations.ts';
import { apiFrom, joinInput, register } from './registration.ts';

export const ROLES = ['ADMIN', 'MEMBER', 'VIEWER'] as const;
export type Role = (typeof ROLES)[number];

/** 'own': the request addresses the caller's organisation (A); 'foreign': another organisation (B). */
export const SCOPES = ['own', 'foreign'] as const;
export type Scope = (typeof SCOPES)[number];

/**
 * The built-in roles as the issue defines them, written here rather than imported from the product, so the matrix
 * checks the product's catalogue instead of restating it. ADMIN holds every permission.
 */
const LIMITED_ROLES: Record<Exclude<Role, 'ADMIN'>, readonly Permission[]> = {
  MEMBER: ['patients:read', 'patients:write', 'members:read'],
  VIEWER: ['patients:read', 'members:read'],
};

export const allows = (role: Role, permission: Permission): boolean => role === 'ADMIN' || LIMITED_ROLES[role].includes(permission);

/**
 * Who may call a route, as the matrix expects it (independently of the route table's own declaration):
 * - open: the caller's role plays no part (public, optional-user and user routes): one status per scope;
 * - member: an ACTIVE member of the token's organisation holding `permission` (if any). A scoped route
 *   ('/api/organisations/{id}/…') answers 404 for another organisation's id whatever the caller may do, before
 *   the permission is looked at; then a missing permission is 403; then the caller gets `own` or `foreign`;
 * - superAdmin: platform super-admins only, so 403 for every organisation member.
 */
export type Gate =
  | { kind: 'open'; own: number; foreign: number }
  | { kind: 'member'; permission?: Permission; scoped: true; own: number }
  | { kind: 'member'; permission?: Permission; scoped: false; own: number; foreign: number }
  | { kind: 'superAdmin' };

/** Every role gets the same status: `own` for its own organisation's request, `foreign` for the other. */
export const open = (own: number, foreign: number): Gate => ({ kind: 'open', own, foreign });
/** An '/api/organisations/{id}/…' route: foreign → 404, missing permission → 403, else `own`. */
export const scoped = (permission: Permission | undefined, own: number): Gate => ({
  kind: 'member',
  scoped: true,
  own,
  ...(permission ? { permission } : {}),
});
/** A member route whose data is the token's organisation's only: missing permission → 403, else `own` / `foreign`. */
export const tenant = (permission: Permission | undefined, own: number, foreign: number): Gate => ({
  kind: 'member',
  scoped: false,
  own,
  foreign,
  ...(permission ? { permission } : {}),
});
export const superAdminOnly = (): Gate => ({ kind: 'superAdmin' });

/** The refusal a cell must name besides its status, where the gate alone decides it: every platform route refuses a tenant. */
export const expectedProblem = (gate: Gate): string | undefined => (gate.kind === 'superAdmin' ? 'super-admin-only' : undefined);

export function expectedStatus(gate: Gate, role: Role, scope: Scope): number {
  switch (gate.kind) {
    case 'open':
      return gate[scope];
    case 'superAdmin':
      return 403;
    case 'member':
      if (gate.scoped && scope === 'foreign') return 404;
      if (gate.permission && !allows(role, gate.permission)) return 403;
      return gate.scoped ? gate.own : gate[scope];
  }
}

// The world.

export interface Caller {
  token: string;
  refreshToken: string;
  user: { id: string; username: string };
}

/** One organisation and a thing of every kind in it, so a permitted request addresses something that exists. */
export interface OrganisationFixtures {
  id: string;
  nom: string;
  admin: Caller;
  patientId: string;
  /** A patient per role, so each role's permitted DELETE removes its own and no cell depends on another. */
  patientsToDelete: Record<Role, string>;
  /** Members (VIEWER) that only the matrix's ADMIN cells change or remove. */
  memberToUpdate: string;
  memberToRemove: string;
  customRole: string;
  roleToDelete: string;
  invitationToRevoke: string;
  joinRequestToApprove: string;
  joinRequestToReject: string;
}

export interface World {
  /** A: the callers' organisation. */
  own: OrganisationFixtures;
  /** B: an organisation none of the callers belongs to. */
  foreign: OrganisationFixtures;
  /** A's ADMIN (its creator), MEMBER and VIEWER, each signed in to A. */
  people: Record<Role, Caller>;
  /** An organisation (with its own ADMIN) that the ADMIN · own cell of DELETE /api/organisations/{id} deletes. */
  throwaway: { id: string; admin: Caller };
  /**
   * One-time invitation tokens per role: own = issued by A (whose member the caller already is), foreign = issued
   * by a fourth organisation, so accepting them does not make the callers members of B.
   */
  invitationTokens: Record<Scope, Record<Role, string>>;
  /**
   * Invitations to accounts (POST …/members {username}) from a fourth organisation: own = addressed to the caller,
   * foreign = addressed to someone else (which the caller can neither accept nor decline).
   */
  accountInvitations: Record<Scope, Record<Role, string>>;
  /** The same, to decline (own ones are separate invitations: accepting one consumes it). */
  invitationsToDecline: Record<Scope, Record<Role, string>>;
  /** Unused verification-link tokens, one per role (each proves the address of an account of its own). */
  verificationTokens: Record<Role, string>;
}

async function expectOk(response: Promise<ApiResponse>, status: number, what: string): Promise<ApiResponse> {
  const done = await response;
  if (done.status !== status) throw new Error(`${what} failed: ${done.status} ${done.text}`);
  return done;
}

const orgPath = (id: string, rest = '') => `/api/organisations/${id}${rest}`;

/** An account the admin creates with `role`; its address (the username) is set by the admin, so unverified. */
async function addAccount(admin: Caller, organisationId: string, role: string) {
  const username = `${unique('matrix')}@example.org`;
  const body = { username, email: username, password: PASSWORD, confirmPassword: PASSWORD, nom: 'Matrice', prenom: 'Test', role };
  const response = await expectOk(api('POST', orgPath(organisationId, '/members'), { token: admin.token, body }), 201, 'add member');
  return { userId: response.body.member.userId as string, username };
}

async function createPatient(admin: Caller, nom: string): Promise<string> {
  const response = await expectOk(
    api('POST', '/api/patients', { token: admin.token, body: { nom, prenom: 'Matrice' } }),
    201,
    'create patient',
  );
  return response.body.id as string;
}

/**
 * Invitations are bound to the invited address, so each caller is invited at their own (proven) address, their
 * username. The token is read from the invitation e-mail (the organisation's name tells one inviter from another).
 */
async function invite(admin: Caller, organisation: { id: string; nom: string }, email: string) {
  const body = { email, role: 'VIEWER' };
  const response = await expectOk(api('POST', orgPath(organisation.id, '/invitations'), { token: admin.token, body }), 201, 'invite');
  // The invitation to this organisation, not another message naming it (its admin is also told of join requests).
  const escaped = organisation.nom.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const token = await tokenFromMail(email, new RegExp(`(?:Invitation à rejoindre|You are invited to join) ${escaped} `));
  return { id: response.body.invitation.id as string, token };
}

/** Invites an existing account by its username (202): the id of the invitation addressed to it. */
async function inviteAccount(admin: Caller, organisationId: string, username: string): Promise<string> {
  const body = { username, role: 'VIEWER' };
  const response = await expectOk(api('POST', orgPath(organisationId, '/members'), { token: admin.token, body }), 202, 'invite account');
  return response.body.invitation.id as string;
}

/** An account (of a cabinet of its own) with an address still to prove, and the token of the link sent there. */
export async function unverifiedAccount() {
  const email = `${unique('matrix-unverified')}@example.org`;
  const cabinet = await registerCabinet({ username: email, email });
  return { cabinet, email, verificationToken: await tokenFromMail(email, VERIFICATION_SUBJECT) };
}

/** The organisation's join code now (an ADMIN cell rotates A's). */
export async function currentJoinCode(organisation: { id: string; admin: Caller }): Promise<string> {
  const response = await expectOk(
    api('GET', orgPath(organisation.id, '/join-code'), { token: organisation.admin.token }),
    200,
    'read join code',
  );
  return response.body.code as string;
}

/** A new organisation whose join code requires approval, holding one thing of every kind. */
async function populatedOrganisation(): Promise<OrganisationFixtures> {
  // The admin proves the address it signs in with, so it can accept invitations sent there.
  const email = `${unique('matrix-admin')}@example.org`;
  const cabinet = await registerCabinet({ username: email, email });
  await verifyFromMail(email);
  const admin: Caller = cabinet;
  const id = cabinet.organisation.id as string;
  const code = await expectOk(
    api('PATCH', orgPath(id, '/join-code'), { token: admin.token, body: { requiresApproval: true } }),
    200,
    'require approval',
  );
  const pending = async () => {
    const response = await expectOk(register(joinInput(code.body.code as string)), 202, 'join with code');
    return response.body.user.id as string;
  };
  const role = async (name: string) => {
    await expectOk(
      api('POST', orgPath(id, '/roles'), { token: admin.token, body: { name, permissions: ['patients:read'] } }),
      201,
      'create role',
    );
    return name;
  };
  const [patientId, adminsPatient, membersPatient, viewersPatient] = await Promise.all(
    ['Principal', 'Admin', 'Member', 'Viewer'].map((nom) => createPatient(admin, nom)),
  );
  const [memberToUpdate, memberToRemove] = await Promise.all([addAccount(admin, id, 'VIEWER'), addAccount(admin, id, 'VIEWER')]);
  const [customRole, roleToDelete] = await Promise.all([role('matrix-clerk'), role('matrix-doomed')]);
  const [invitation, joinRequestToApprove, joinRequestToReject] = await Promise.all([
    invite(admin, { id, nom: cabinet.organisation.nom as string }, `${unique('invitee')}@example.org`),
    pending(),
    pending(),
  ]);
  // An active grant, so the ADMIN's revocation has something to revoke whichever cell runs first.
  await expectOk(api('POST', orgPath(id, '/support-access'), { token: admin.token, body: { hours: 1 } }), 201, 'grant support access');
  return {
    id,
    nom: cabinet.organisation.nom as string,
    admin,
    patientId: patientId as string,
    patientsToDelete: { ADMIN: adminsPatient as string, MEMBER: membersPatient as string, VIEWER: viewersPatient as string },
    memberToUpdate: memberToUpdate.userId,
    memberToRemove: memberToRemove.userId,
    customRole,
    roleToDelete,
    invitationToRevoke: invitation.id,
    joinRequestToApprove,
    joinRequestToReject,
  };
}

const perRole = async <T>(make: (role: Role) => Promise<T>): Promise<Record<Role, T>> => {
  const [ADMIN, MEMBER, VIEWER] = await Promise.all(ROLES.map(make));
  return { ADMIN: ADMIN as T, MEMBER: MEMBER as T, VIEWER: VIEWER as T };
};

/**
 * Builds the matrix's world. Every membership exists before its holder signs in and no role changes afterwards,
 * so no cell waits for the membership cache.
 */
export async function buildWorld(): Promise<World> {
  const [own, foreign, throwawayCabinet, inviter] = await Promise.all([
    populatedOrganisation(),
    populatedOrganisation(),
    registerCabinet(),
    registerCabinet(),
  ]);
  const [member, viewer] = await Promise.all([addAccount(own.admin, own.id, 'MEMBER'), addAccount(own.admin, own.id, 'VIEWER')]);
  const [memberSession, viewerSession] = await Promise.all([signIn(member.username), signIn(viewer.username)]);
  // Each proves the address the admin gave them (their username), as a person would: a link asked for and opened.
  await Promise.all([verifyAccountAddress(memberSession, member.username), verifyAccountAddress(viewerSession, viewer.username)]);
  const people: Record<Role, Caller> = { ADMIN: own.admin, MEMBER: memberSession, VIEWER: viewerSession };
  const inviterOrganisation = { id: inviter.organisation.id as string, nom: inviter.organisation.nom as string };
  const ownInvitations = await perRole(async (role) => (await invite(own.admin, own, people[role].user.username)).token);
  const foreignInvitations = await perRole(async (role) => (await invite(inviter, inviterOrganisation, people[role].user.username)).token);
  const verificationTokens = await perRole(async () => (await unverifiedAccount()).verificationToken);
  // A fifth organisation, so that no other cell has made the callers its members already.
  const [accountInviter, stranger] = await Promise.all([registerCabinet(), registerCabinet()]);
  const byAccountInviter = (username: string) => inviteAccount(accountInviter, accountInviter.organisation.id as string, username);
  const toStranger = await byAccountInviter(stranger.user.username);
  const accountInvitations = {
    own: await perRole((role) => byAccountInviter(people[role].user.username)),
    foreign: await perRole(async () => toStranger),
  };
  const invitationsToDecline = {
    own: await perRole((role) => byAccountInviter(people[role].user.username)),
    foreign: await perRole(async () => toStranger),
  };
  return {
    own,
    foreign,
    people,
    throwaway: { id: throwawayCabinet.organisation.id as string, admin: throwawayCabinet },
    invitationTokens: { own: ownInvitations, foreign: foreignInvitations },
    accountInvitations,
    invitationsToDecline,
    verificationTokens,
  };
}

// Sending a cell's request.

/** What a cell sends: the route's method and path come from the route table, the rest from the cell. */
export interface MatrixRequest {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  /** Another caller than the role's A session (the throwaway organisation's ADMIN). */
  token?: string;
  /** A client address of its own (join-code redemption is rate limited per client). */
  from?: string;
}

/** The route's path with its {placeholders} filled in; a missing value is a mistake in the matrix, not a 404. */
export function fillPath(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`No value for {${name}} in ${template}`);
    return encodeURIComponent(value);
  });
}

export function send(route: { method: string; path: string }, request: MatrixRequest, callerToken: string): Promise<ApiResponse> {
  const query = new URLSearchParams(request.query ?? {}).toString();
  const path = fillPath(route.path, request.params ?? {}) + (query ? `?${query}` : '');
  const options = { token: request.token ?? callerToken, ...(request.body !== undefined ? { body: request.body } : {}) };
  return request.from ? apiFrom(request.from, route.method, path, options) : api(route.method, path, options);
}
