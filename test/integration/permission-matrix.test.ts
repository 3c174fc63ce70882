// Issue 3's permission matrix: every route of the route table × every built-in role (ADMIN, MEMBER, VIEWER) ×
// own and foreign organisation answers exactly the status the access rules give (test/support/matrix.ts):
// a scoped route answers 404 for another organisation whatever the role, then a missing permission is 403, then
// the permitted request succeeds. A route added to the table without an entry here fails the first test.
//
// "own" addresses the callers' organisation A; "foreign" addresses B, of which no caller is a member: B's id in
// the path, B's patient, B's join code, B as the organisation to switch to. Where a route has no way to point at B
// (me, patients list/create, health, login, …), "foreign" names B the only way left to a client, an organisationId
// in the query or body: strict schemas refuse it (400), routes without a query schema ignore it (and still answer
// about A). Accepting an invitation uses one from a fourth organisation (see World in test/support/matrix.ts).
// Permitted destructive or one-shot requests each address a fixture of their own, so no cell depends on another.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { type RouteName, routeList } from '#routes';
import { registerAccount, resetToken, verifiedAccount } from '#test/accounts';
import { api, cabinetInput, PASSWORD, problemOf, registerCabinet, unique } from '#test/api';
import {
  buildWorld,
  type Caller,
  currentJoinCode,
  expectedProblem,
  expectedStatus,
  type Gate,
  type MatrixRequest,
  type OrganisationFixtures,
  open,
  ROLES,
  type Role,
  SCOPES,
  type Scope,
  scoped,
  send,
  superAdminOnly,
  tenant,
  unverifiedAccount,
  type World,
} from '#test/matrix';
import { createOrganisation, signIn } from '#test/organisations';
import { joinInput, newClientAddress } from '#test/registration';
import { totp } from '#test/totp';

interface Cell {
  role: Role;
  scope: Scope;
  world: World;
  /** The role's session in A. */
  caller: Caller;
  /** A for 'own', B for 'foreign'. */
  org: OrganisationFixtures;
}

interface Entry {
  gate: Gate;
  request: (cell: Cell) => MatrixRequest | Promise<MatrixRequest>;
  /** What the body must show besides the status, for cells whose status alone would not prove isolation. */
  check?: (body: any, cell: Cell) => void;
}

/** For routes with nothing else to point at B: B's id as an organisationId field (none for 'own'). */
const naming = ({ scope, world }: Cell): Record<string, string> => (scope === 'foreign' ? { organisationId: world.foreign.id } : {});
const inOrg = ({ org }: Cell, more: Record<string, string> = {}) => ({ params: { id: org.id, ...more } });

const MATRIX = {
  // System: public, the token is ignored.
  health: { gate: open(200, 200), request: (cell) => ({ query: naming(cell) }) },
  openapi: { gate: open(200, 200), request: (cell) => ({ query: naming(cell) }) },
  docs: { gate: open(200, 200), request: (cell) => ({ query: naming(cell) }) },
  docsFile: { gate: open(200, 200), request: (cell) => ({ params: { file: 'docs.js' }, query: naming(cell) }) },

  // Sessions.
  registerCabinet: { gate: open(201, 400), request: (cell) => ({ body: { ...cabinetInput(), ...naming(cell) } }) },
  login: {
    gate: open(200, 400),
    request: (cell) => ({ body: { username: cell.caller.user.username, password: PASSWORD, ...naming(cell) } }),
  },
  // Well-formed, but the caller has no authenticator: the second step is refused (test/integration/login-mfa.test.ts
  // covers the real TOTP flow).
  loginMfa: {
    gate: open(401, 400),
    request: (cell) => ({ body: { username: cell.caller.user.username, session: randomUUID(), code: '123456', ...naming(cell) } }),
  },
  refresh: {
    gate: open(200, 400),
    request: (cell) => ({ body: { refreshToken: cell.caller.refreshToken, username: cell.caller.user.username, ...naming(cell) } }),
  },
  // A 'user' route: the profile, and the token's organisation (naming B in the query changes nothing).
  me: {
    gate: open(200, 200),
    request: (cell) => ({ query: naming(cell) }),
    check: (body, { world }) => expect(body.organisation.id).toBe(world.own.id),
  },
  // Public: the token is the authority. Each role presents an unused link of its own; naming B is an unknown field.
  verifyEmail: {
    gate: open(200, 400),
    request: (cell) => ({ from: newClientAddress(), body: { token: cell.world.verificationTokens[cell.role], ...naming(cell) } }),
  },
  // Any signed-in account with an address to prove gets another link (a fresh account per cell: the limit is per
  // account); the route takes no body or query, so naming B changes nothing.
  resendVerification: {
    gate: open(202, 202),
    request: async (cell) => ({ token: (await unverifiedAccount()).cabinet.token, query: naming(cell) }),
  },

  // A person's own account: the token is the authority, the role plays no part. Destructive requests run on a
  // session or account of their own (signing out, a new password, deleting), so no cell voids another's caller;
  // "foreign" names B in the body, which strict schemas refuse.
  logout: {
    gate: open(204, 401),
    request: async ({ scope, caller, world }) => {
      const session = await signIn(caller.user.username);
      // foreign: a session of B's admin, which is not the caller's to sign out (nothing is revoked).
      const refreshToken = scope === 'own' ? session.refreshToken : (await signIn(world.foreign.admin.user.username)).refreshToken;
      return { token: session.token, body: { refreshToken } };
    },
  },
  // The caller's own sessions only: B's query naming changes nothing; B's admin's session is not the caller's (404).
  listSessions: {
    gate: open(200, 200),
    request: (cell) => ({ query: naming(cell) }),
    check: (body) => expect(body.items.some((item: { current: boolean }) => item.current)).toBe(true),
  },
  endSession: {
    gate: open(204, 404),
    request: async ({ scope, caller, world }) => {
      const owner = scope === 'own' ? caller.user.username : world.foreign.admin.user.username;
      const session = await signIn(owner);
      const listed = await api('GET', '/api/auth/sessions', { token: session.token });
      const id = listed.body.items.find((item: { current: boolean }) => item.current).id;
      // own: a session of the caller's own, signed in for this cell; the request comes with the caller's token.
      return { token: scope === 'own' ? session.token : (await signIn(caller.user.username)).token, params: { sessionId: id } };
    },
  },
  changePassword: {
    gate: open(200, 400),
    request: async (cell) => ({
      token: (await registerAccount()).token,
      body: { currentPassword: PASSWORD, newPassword: 'Matrice2026!x', ...naming(cell) },
    }),
  },
  forgotPassword: {
    gate: open(202, 400),
    request: (cell) => ({ from: newClientAddress(), body: { username: cell.caller.user.username, ...naming(cell) } }),
  },
  resetPassword: {
    gate: open(204, 400),
    request: async (cell) => {
      const account = await verifiedAccount();
      const token = await resetToken(account.email, account.email);
      return { from: newClientAddress(), body: { token, newPassword: 'Matrice2026!x', ...naming(cell) } };
    },
  },
  // naming B here is organisationId, a field the profile refuses by name.
  updateMe: { gate: open(200, 400), request: (cell) => ({ body: { bio: 'Vu par la matrice', ...naming(cell) } }) },
  deleteMe: {
    gate: open(204, 400),
    request: async (cell) => ({ token: (await registerAccount()).token, body: { password: PASSWORD, ...naming(cell) } }),
  },
  startTotp: { gate: open(200, 400), request: (cell) => ({ body: { password: PASSWORD, ...naming(cell) } }) },
  verifyTotp: {
    gate: open(200, 400),
    request: async (cell) => {
      const account = await registerAccount();
      const start = await api('POST', '/api/auth/mfa/totp', { token: account.token, body: { password: PASSWORD } });
      return { token: account.token, body: { password: PASSWORD, code: totp(start.body.secret), ...naming(cell) } };
    },
  },
  // The callers have no authenticator: turning MFA off finds it off.
  disableTotp: { gate: open(409, 400), request: (cell) => ({ body: { password: PASSWORD, code: '123456', ...naming(cell) } }) },

  // Patients: not organisation-scoped; the permission is checked first, then a foreign patient is not found.
  createPatient: {
    gate: tenant('patients:write', 201, 400),
    request: (cell) => ({ body: { nom: 'Matrice', prenom: 'Nouveau', ...naming(cell) } }),
  },
  listPatients: { gate: tenant('patients:read', 200, 400), request: (cell) => ({ query: naming(cell) }) },
  getPatient: { gate: tenant('patients:read', 200, 404), request: ({ org }) => ({ params: { id: org.patientId } }) },
  updatePatient: {
    gate: tenant('patients:write', 200, 404),
    request: ({ org }) => ({ params: { id: org.patientId }, body: { notes: 'Vu par la matrice' } }),
  },
  deletePatient: { gate: tenant('patients:write', 204, 404), request: ({ org, role }) => ({ params: { id: org.patientsToDelete[role] } }) },

  // Registration by code: public. Both codes require approval, so a join with either answers 202 PENDING.
  register: {
    gate: open(202, 202),
    request: async ({ org }) => ({ from: newClientAddress(), body: joinInput(await currentJoinCode(org)) }),
  },
  // An existing account joins by code: its own organisation answers 409 (already a member). A code is the key to
  // its organisation, so "foreign" is a fresh organisation per cell (201), not B: joining B would make it one of
  // the caller's organisations and void the other cells' isolation checks.
  joinOrganisation: {
    gate: open(409, 201),
    request: async ({ org, scope }) => ({
      from: newClientAddress(),
      body: { organisationCode: scope === 'own' ? await currentJoinCode(org) : (await registerCabinet()).organisation.code },
    }),
  },
  getJoinCode: { gate: scoped('organisation:manage', 200), request: (cell) => inOrg(cell) },
  // requiresApproval is already true: the permitted change leaves the code as the rest of the matrix expects it.
  updateJoinCode: { gate: scoped('organisation:manage', 200), request: (cell) => ({ ...inOrg(cell), body: { requiresApproval: true } }) },
  rotateJoinCode: { gate: scoped('organisation:manage', 200), request: (cell) => inOrg(cell) },
  listJoinRequests: { gate: scoped('join-requests:manage', 200), request: (cell) => inOrg(cell) },
  approveJoinRequest: {
    gate: scoped('join-requests:manage', 200),
    request: (cell) => ({ ...inOrg(cell, { userId: cell.org.joinRequestToApprove }), body: {} }),
  },
  rejectJoinRequest: {
    gate: scoped('join-requests:manage', 200),
    request: (cell) => ({ ...inOrg(cell, { userId: cell.org.joinRequestToReject }), body: { reason: 'Inconnu du cabinet' } }),
  },

  // Organisations.
  listOrganisations: {
    gate: open(200, 200),
    request: (cell) => ({ query: naming(cell) }),
    check: (body, { world }) => {
      const ids = body.items.map((item: { organisation: { id: string } }) => item.organisation.id);
      expect(ids).toContain(world.own.id);
      expect(ids).not.toContain(world.foreign.id);
    },
  },
  // Any signed-in user may create another organisation (and becomes its ADMIN).
  createOrganisation: { gate: open(201, 400), request: (cell) => ({ body: { organisationName: unique('Matrice'), ...naming(cell) } }) },
  getOrganisation: { gate: scoped(undefined, 200), request: (cell) => inOrg(cell) },
  updateOrganisation: {
    gate: scoped('organisation:manage', 200),
    request: (cell) => ({ ...inOrg(cell), body: { description: 'Vu par la matrice' } }),
  },
  // A 'user' route that applies the member rules itself. The permitted deletion is run on a throwaway
  // organisation by its own ADMIN: deleting A would end the matrix.
  deleteOrganisation: {
    gate: scoped('organisation:manage', 202),
    request: (cell) =>
      cell.role === 'ADMIN' && cell.scope === 'own'
        ? { params: { id: cell.world.throwaway.id }, token: cell.world.throwaway.admin.token }
        : inOrg(cell),
  },
  // Any of the caller's organisations: one they just created, whose last ADMIN they are (409, nothing changes);
  // B, of which they are no member, is not found.
  leaveOrganisation: {
    gate: open(409, 404),
    request: async ({ scope, caller, world }) => ({
      params: { id: scope === 'own' ? (await createOrganisation(caller.token)).id : world.foreign.id },
    }),
  },
  // Every caller is an ACTIVE member of A, none of B.
  switchOrganisation: {
    gate: open(200, 403),
    request: ({ org, caller }) => ({ body: { organisationId: org.id, refreshToken: caller.refreshToken } }),
  },
  listAudit: { gate: scoped('audit:read', 200), request: (cell) => inOrg(cell) },
  listEvents: { gate: scoped('events:read', 200), request: (cell) => inOrg(cell) },
  createWebhook: {
    gate: scoped('webhooks:manage', 201),
    request: (cell) => ({ ...inOrg(cell), body: { url: 'http://127.0.0.1:9/matrix', eventTypes: ['member.added'] } }),
  },
  listWebhooks: { gate: scoped('webhooks:manage', 200), request: (cell) => inOrg(cell) },
  // An endpoint nobody registered: the gate answers before the lookup, which then answers 404.
  getWebhook: { gate: scoped('webhooks:manage', 404), request: (cell) => inOrg(cell, { webhookId: 'no-such-webhook' }) },
  updateWebhook: {
    gate: scoped('webhooks:manage', 404),
    request: (cell) => ({ ...inOrg(cell, { webhookId: 'no-such-webhook' }), body: { description: 'x' } }),
  },
  deleteWebhook: { gate: scoped('webhooks:manage', 404), request: (cell) => inOrg(cell, { webhookId: 'no-such-webhook' }) },
  rotateWebhookSecret: { gate: scoped('webhooks:manage', 404), request: (cell) => inOrg(cell, { webhookId: 'no-such-webhook' }) },
  listWebhookDeliveries: { gate: scoped('webhooks:manage', 404), request: (cell) => inOrg(cell, { webhookId: 'no-such-webhook' }) },
  testWebhook: { gate: scoped('webhooks:manage', 404), request: (cell) => inOrg(cell, { webhookId: 'no-such-webhook' }) },
  getSupportAccess: { gate: scoped('support-access:manage', 200), request: (cell) => inOrg(cell) },
  grantSupportAccess: { gate: scoped('support-access:manage', 201), request: (cell) => ({ ...inOrg(cell), body: { hours: 1 } }) },
  revokeSupportAccess: { gate: scoped('support-access:manage', 204), request: (cell) => inOrg(cell) },

  // Members, roles, invitations.
  listMembers: { gate: scoped('members:read', 200), request: (cell) => inOrg(cell) },
  addMember: {
    gate: scoped('members:manage', 201),
    request: (cell) => ({
      ...inOrg(cell),
      body: { username: unique('matrix'), password: PASSWORD, confirmPassword: PASSWORD, nom: 'Matrice', prenom: 'Ajout', role: 'VIEWER' },
    }),
  },
  updateMember: {
    gate: scoped('members:manage', 200),
    request: (cell) => ({ ...inOrg(cell, { userId: cell.org.memberToUpdate }), body: { role: 'MEMBER' } }),
  },
  removeMember: { gate: scoped('members:manage', 204), request: (cell) => inOrg(cell, { userId: cell.org.memberToRemove }) },
  listRoles: { gate: scoped('members:read', 200), request: (cell) => inOrg(cell) },
  createRole: {
    gate: scoped('roles:manage', 201),
    request: (cell) => ({ ...inOrg(cell), body: { name: `role-${randomUUID().slice(0, 8)}`, permissions: ['patients:read'] } }),
  },
  updateRole: {
    gate: scoped('roles:manage', 200),
    request: (cell) => ({ ...inOrg(cell, { name: cell.org.customRole }), body: { description: 'Vu par la matrice' } }),
  },
  deleteRole: { gate: scoped('roles:manage', 204), request: (cell) => inOrg(cell, { name: cell.org.roleToDelete }) },
  createInvitation: {
    gate: scoped('invitations:manage', 201),
    request: (cell) => ({ ...inOrg(cell), body: { email: `${unique('invitee')}@example.org`, role: 'VIEWER' } }),
  },
  listInvitations: { gate: scoped('invitations:manage', 200), request: (cell) => inOrg(cell) },
  revokeInvitation: {
    gate: scoped('invitations:manage', 204),
    request: (cell) => inOrg(cell, { invitationId: cell.org.invitationToRevoke }),
  },
  // The one-time token is the authority, not the caller's role: signed in, the caller is added to the inviting
  // organisation (foreign → 200), unless already its member (own → 409, and the invitation stays usable).
  acceptInvitation: {
    gate: open(409, 200),
    request: ({ world, scope, role }) => ({ body: { token: world.invitationTokens[scope][role] } }),
  },
  // Invitations addressed to accounts: any signed-in person answers their own (own → 200/204) and nobody else's
  // (foreign: an invitation to another account → 404, as for an unknown id).
  listReceivedInvitations: { gate: open(200, 200), request: () => ({}) },
  acceptReceivedInvitation: {
    gate: open(200, 404),
    request: ({ world, scope, role }) => ({ params: { invitationId: world.accountInvitations[scope][role] } }),
  },
  declineReceivedInvitation: {
    gate: open(204, 404),
    request: ({ world, scope, role }) => ({ params: { invitationId: world.invitationsToDecline[scope][role] } }),
  },

  // Platform: super-admins only. A grants support access (see the fixtures), so only the caller's standing refuses.
  platformListOrganisations: { gate: superAdminOnly(), request: (cell) => ({ query: naming(cell) }) },
  platformCreateOrganisation: {
    gate: superAdminOnly(),
    request: (cell) => ({
      body: { organisationName: unique('Matrice Plateforme'), adminEmail: `${unique('admin')}@example.org`, ...naming(cell) },
    }),
  },
  platformSuspendOrganisation: { gate: superAdminOnly(), request: (cell) => inOrg(cell) },
  platformReactivateOrganisation: { gate: superAdminOnly(), request: (cell) => inOrg(cell) },
  platformSupportListPatients: { gate: superAdminOnly(), request: (cell) => inOrg(cell) },
  platformSupportGetPatient: { gate: superAdminOnly(), request: (cell) => inOrg(cell, { patientId: cell.org.patientId }) },
  // A tenant ADMIN raising its own plan, or managing members through the platform, is exactly what these refuse.
  platformGetOrganisation: { gate: superAdminOnly(), request: (cell) => inOrg(cell) },
  platformUpdateOrganisation: {
    gate: superAdminOnly(),
    request: (cell) => ({ ...inOrg(cell), body: { subscriptionTier: 'enterprise', maxUsers: 10_000 } }),
  },
  platformListMembers: { gate: superAdminOnly(), request: (cell) => inOrg(cell) },
  platformAddMember: {
    gate: superAdminOnly(),
    request: (cell) => ({
      ...inOrg(cell),
      body: { email: `${unique('agent')}@example.org`, nom: 'Petit', prenom: 'Lucas', role: 'ADMIN' },
    }),
  },
  platformUpdateMember: {
    gate: superAdminOnly(),
    request: (cell) => ({ ...inOrg(cell, { userId: cell.org.memberToUpdate }), body: { role: 'ADMIN' } }),
  },
  platformListAudit: { gate: superAdminOnly(), request: (cell) => ({ query: naming(cell) }) },
  platformMetrics: { gate: superAdminOnly(), request: (cell) => ({ query: naming(cell) }) },
} satisfies Record<RouteName, Entry>;

const entries: Record<string, Entry | undefined> = MATRIX;

const cells = routeList.flatMap((route) => {
  const entry = entries[route.name];
  if (!entry) return [];
  return ROLES.flatMap((role) =>
    SCOPES.map((scope) => {
      const expected = expectedStatus(entry.gate, role, scope);
      return { title: `${role} · ${scope} · ${route.method} ${route.path} → ${expected}`, route, entry, role, scope, expected };
    }),
  );
});

describe('permission matrix', () => {
  it('has an entry for every route of the route table, and none for a route that does not exist', () => {
    const routeNames = routeList.map((route) => route.name);
    expect(routeNames.filter((name) => !entries[name])).toEqual([]);
    expect(Object.keys(MATRIX).filter((name) => !routeNames.includes(name))).toEqual([]);
    expect(cells).toHaveLength(routeList.length * ROLES.length * SCOPES.length);
  });

  describe('every route × role × organisation answers the exact status', () => {
    let world: World;

    beforeAll(async () => {
      world = await buildWorld();
    });

    // One it() per cell rather than it.each: each.$title would truncate the long names.
    for (const { title, route, entry, role, scope, expected } of cells) {
      it(title, async () => {
        const cell: Cell = { role, scope, world, caller: world.people[role], org: scope === 'own' ? world.own : world.foreign };
        const request = await entry.request(cell);

        const response = await send(route, request, cell.caller.token);

        const where = `${route.method} ${route.path} as ${role} (${scope}): expected ${expected}, got ${response.status} ${response.text.slice(0, 400)}`;
        expect(response.status, where).toBe(expected);
        const problem = expectedProblem(entry.gate);
        if (problem) expect(problemOf(response), where).toBe(problem);
        if (response.status < 300) entry.check?.(response.body, cell);
      });
    }
  });
});
