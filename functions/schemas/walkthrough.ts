// The walkthroughs' organisations, people and records (docs/guide/), which every route's OpenAPI examples are
// made of, and the shape of those examples. The examples themselves stand beside the schemas they illustrate, one
// function per area (`patientsExamples()` in schemas/patients.ts...), called by the OpenAPI document alone
// (functions/openapi/document.ts): plain data and functions, so that no function's bundle carries them.
// test/unit/openapi-document.test.ts checks that each one is valid for its route's schema.
import { PERMISSIONS } from '#domain/permissions';

export interface Example {
  readonly summary: string;
  readonly value: unknown;
  /** Only where a response has several media types: the one this example is for. */
  readonly contentType?: string;
}
export type Examples = Readonly<Record<string, Example>>;
export interface RouteExamples {
  readonly request?: Examples;
  readonly responses?: Readonly<Record<number, Examples>>;
}
/** An area's examples, by the name of its route. */
export type AreaExamples = Readonly<Record<string, RouteExamples>>;

/** A single example, `default`. */
export function one(summary: string, value: unknown): Examples {
  return { default: { summary, value } };
}

// The walkthroughs' organisations and people.
export const MARTIN = 'd79213df-bd60-4dca-bf6b-e4d2c17b5a5d';
export const MARTIN_ORG = '9419f790-b122-40f9-ace3-5acc63d96f42';
export const CLAIRE = 'bd3affca-b20c-4ebc-8ca1-4cd7e11c4724';
export const PAUL = '29caf5e5-6c63-4b80-921a-e2be508ba44e';
export const BERNARD = 'f570aed8-ec78-4355-8056-091a9f6e2bf3';
export const PATIENT = '0b7deb29-c961-468f-82cf-0a8974433e7c';
export const INVITATION = 'a1c7f2e1-8ce3-4b6f-a128-2d5f319f1dcb';
export const OPS = '7c0e2a51-3f4d-4e8b-9a61-5d2f0c8b1e47';
export const LILAS = 'c3d9a7e2-6b41-4f05-8e2c-1a7f9b0d5e63';
export const CREATED = '2026-11-23T02:47:03.859Z';
export const TOKEN = 'eyJhbGciOiJSUzI1NiIsInR5…';
export const REFRESH = 'eyJjdHkiOiJKV1QiLCJlbmMi…';

export const martin = { id: MARTIN, username: 'dr.martin', role: 'ADMIN', organisationId: MARTIN_ORG, nom: 'Martin', prenom: 'Jean' };

/** An ADMIN's permissions, as GET /api/auth/me lists them (sorted). */
export const adminPermissions = (): string[] => [...PERMISSIONS].sort();

export const martinOrg = { id: MARTIN_ORG, nom: 'Cabinet Dr Martin', code: '5014409691' };

export const session = { token: TOKEN, refreshToken: REFRESH, expiresIn: 86400, user: martin, organisation: martinOrg };

export const claireSession = {
  token: TOKEN,
  refreshToken: REFRESH,
  expiresIn: 86400,
  user: { id: CLAIRE, username: 'claire.dubois@example.org', role: 'MEMBER', organisationId: MARTIN_ORG, nom: 'Dubois', prenom: 'Claire' },
  organisation: { id: MARTIN_ORG, nom: 'Cabinet Dr Martin' },
};

export const patient = {
  id: PATIENT,
  nom: 'Durand',
  prenom: 'Claire',
  dateNaissance: '1984-03-12',
  email: 'claire.durand@example.org',
  createdAt: CREATED,
  updatedAt: CREATED,
};

export const organisation = {
  id: MARTIN_ORG,
  nom: 'Cabinet Dr Martin',
  slug: 'cabinet-dr-martin',
  code: '5014409691',
  status: 'ACTIVE',
  country: 'FR',
  subscriptionTier: 'free',
  maxUsers: 50,
  memberCount: 3,
  mfaRequired: false,
  createdAt: CREATED,
  updatedAt: CREATED,
};

export const platformOrganisationRecord = {
  id: MARTIN_ORG,
  nom: 'Cabinet Dr Martin',
  slug: 'cabinet-dr-martin',
  status: 'ACTIVE',
  country: 'FR',
  subscriptionTier: 'free',
  maxUsers: 50,
  memberCount: 3,
  adminCount: 1,
  mfaRequired: false,
  createdAt: CREATED,
  updatedAt: CREATED,
};

export const joinCode = {
  code: '5014409691',
  enabled: true,
  expiresAt: null,
  maxUses: null,
  uses: 0,
  role: 'MEMBER',
  requiresApproval: false,
  sharedWithMembers: false,
};

export const paulRequest = {
  userId: PAUL,
  username: 'paul.leroy@example.org',
  nom: 'Leroy',
  prenom: 'Paul',
  email: 'paul.leroy@example.org',
  requestedRole: 'VIEWER',
  status: 'PENDING',
  createdAt: '2026-11-23T03:09:33.604Z',
};

export const claireMember = {
  userId: CLAIRE,
  username: 'claire.dubois@example.org',
  nom: 'Dubois',
  prenom: 'Claire',
  role: 'MEMBER',
  status: 'ACTIVE',
  joinedAt: '2026-11-23T03:02:11.412Z',
};

/** An invitation addressed to an existing account (tenant and platform routes invite alike). */
export const accountInvitation = {
  id: INVITATION,
  username: 'claire.dubois@example.org',
  role: 'MEMBER',
  status: 'PENDING',
  expiresAt: '2026-11-26T03:09:34.676Z',
  createdAt: '2026-11-23T03:09:34.676Z',
};

export const invitation = {
  id: INVITATION,
  email: 'dr.bernard@example.org',
  role: 'ADMIN',
  status: 'PENDING',
  expiresAt: '2026-11-26T03:09:34.676Z',
  createdAt: '2026-11-23T03:09:34.676Z',
};

export const secretaryRole = {
  name: 'secretary',
  description: 'Front desk: patients and the member list',
  permissions: ['patients:read', 'patients:write', 'members:read'],
  builtIn: false,
  usageCount: 0,
  createdAt: '2026-11-23T03:12:40.118Z',
  updatedAt: '2026-11-23T03:12:40.118Z',
};

export const lilasRecord = {
  licenseNumber: 'FINESS 750012345',
  contactEmail: 'accueil@clinique-des-lilas.example',
  phone: '+33142868200',
  address: '12 rue des Lilas\n75019 Paris',
};

export const novemberFigures = {
  organisationsCreated: 3,
  invitations: { sent: 2, accepted: 1, declined: 0, revoked: 0, expired: 0 },
  joinRequests: {
    created: 1,
    approved: 1,
    rejected: 0,
    pending: 0,
    medianTimeToApproval: { approvals: 1, lowerSeconds: 0, upperSeconds: 60, estimateSeconds: 30 },
  },
  failedSignIns: 1,
  orphanAccountsFound: 0,
};
export const AMINA = '4f7c2a90-1b3e-4d5f-9a86-2c0e7b1d3f58';

export const amina = {
  id: AMINA,
  username: 'amina.diallo@example.org',
  role: null,
  organisationId: null,
  nom: 'Diallo',
  prenom: 'Amina',
};

/** Seed 004's is_organization: false: an account without organisation, signed in. */
export const aminaSession = {
  token: TOKEN,
  refreshToken: REFRESH,
  expiresIn: 86400,
  user: amina,
  organisation: null,
  pendingMemberships: [],
};

// Written out rather than spread from \`martin\`: esbuild keeps an object spread (it may run a getter), and with it
// this module, in every bundle that imports a schema module.
export const martinProfile = {
  id: MARTIN,
  username: 'dr.martin',
  role: 'ADMIN',
  organisationId: MARTIN_ORG,
  nom: 'Martin',
  prenom: 'Jean',
  email: 'jean.martin@example.org',
  emailVerified: true,
  phone: '+33612345678',
  avatarUrl: 'https://cdn.example.org/avatars/jean-martin.jpg',
  dateOfBirth: '1975-06-14',
  gender: 'male',
  location: 'Paris 11e',
  bio: 'Médecin généraliste depuis 2004.',
  specialization: 'Médecine générale',
  locale: 'fr',
  mfaEnabled: false,
  createdAt: CREATED,
  updatedAt: '2026-11-23T07:41:12.305Z',
  lastLoginAt: '2026-11-23T07:30:02.118Z',
};

export const grant = {
  grantedBy: MARTIN,
  grantedAt: '2026-11-23T09:00:00.000Z',
  expiresAt: '2026-11-23T11:00:00.000Z',
  reason: 'Ticket #4521',
};
