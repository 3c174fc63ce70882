// Examples of every request body and success body, by route name, for the OpenAPI document only (no handler
// bundle imports this module). The values follow the walkthroughs (docs/guide/), which are real responses (tokens
// shortened); test/unit/openapi-document.test.ts checks that each one is valid for its route's schema.
import type { EventData, EventType } from '#domain/events';
import { BUILT_IN_ROLES, PERMISSIONS } from '#domain/permissions';
import type { RouteName } from '#routes';

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

const one = (summary: string, value: unknown): Examples => ({ default: { summary, value } });

const WEBHOOK_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw5OG7sXsDnkc=';
const WEBHOOK_SECRET_2 = 'whsec_Zk2n4p6r8t0v2x4z6B8D0F2H4J6L8N0P2R4T6V8X0Z0=';
const webhookExample = {
  id: '3f9a1c2e-7b4d-4e6f-9a8b-1c2d3e4f5a6b',
  url: 'https://agenda.example.com/hooks/cabinet',
  eventTypes: ['patient.created', 'patient.updated', 'member.added', 'member.removed'],
  description: 'Agenda sync',
  status: 'ENABLED',
  createdAt: '2026-11-23T03:10:00.000Z',
  updatedAt: '2026-11-23T03:10:00.000Z',
};

// The walkthroughs' organisations and people.
const MARTIN = 'd79213df-bd60-4dca-bf6b-e4d2c17b5a5d';
const MARTIN_ORG = '9419f790-b122-40f9-ace3-5acc63d96f42';
const CLAIRE = 'bd3affca-b20c-4ebc-8ca1-4cd7e11c4724';
const PAUL = '29caf5e5-6c63-4b80-921a-e2be508ba44e';
const BERNARD = 'f570aed8-ec78-4355-8056-091a9f6e2bf3';
const PATIENT = '0b7deb29-c961-468f-82cf-0a8974433e7c';
const INVITATION = 'a1c7f2e1-8ce3-4b6f-a128-2d5f319f1dcb';
const OPS = '7c0e2a51-3f4d-4e8b-9a61-5d2f0c8b1e47';
const LILAS = 'c3d9a7e2-6b41-4f05-8e2c-1a7f9b0d5e63';
const CREATED = '2026-11-23T02:47:03.859Z';
const TOKEN = 'eyJhbGciOiJSUzI1NiIsInR5…';
const REFRESH = 'eyJjdHkiOiJKV1QiLCJlbmMi…';

const martin = { id: MARTIN, username: 'dr.martin', role: 'ADMIN', organisationId: MARTIN_ORG, nom: 'Martin', prenom: 'Jean' };
/** An ADMIN's permissions, as GET /api/auth/me lists them (sorted). */
const ADMIN_PERMISSIONS = [...PERMISSIONS].sort();
const martinOrg = { id: MARTIN_ORG, nom: 'Cabinet Dr Martin', code: '5014409691' };
const session = { token: TOKEN, refreshToken: REFRESH, expiresIn: 86400, user: martin, organisation: martinOrg };
const claireSession = {
  token: TOKEN,
  refreshToken: REFRESH,
  expiresIn: 86400,
  user: { id: CLAIRE, username: 'claire.dubois@example.org', role: 'MEMBER', organisationId: MARTIN_ORG, nom: 'Dubois', prenom: 'Claire' },
  organisation: { id: MARTIN_ORG, nom: 'Cabinet Dr Martin' },
};
const patient = {
  id: PATIENT,
  nom: 'Durand',
  prenom: 'Claire',
  dateNaissance: '1984-03-12',
  email: 'claire.durand@example.org',
  createdAt: CREATED,
  updatedAt: CREATED,
};
const organisation = {
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
const platformOrganisation = {
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
const joinCode = {
  code: '5014409691',
  enabled: true,
  expiresAt: null,
  maxUses: null,
  uses: 0,
  role: 'MEMBER',
  requiresApproval: false,
  sharedWithMembers: false,
};
const paulRequest = {
  userId: PAUL,
  username: 'paul.leroy@example.org',
  nom: 'Leroy',
  prenom: 'Paul',
  email: 'paul.leroy@example.org',
  requestedRole: 'VIEWER',
  status: 'PENDING',
  createdAt: '2026-11-23T03:09:33.604Z',
};
const claireMember = {
  userId: CLAIRE,
  username: 'claire.dubois@example.org',
  nom: 'Dubois',
  prenom: 'Claire',
  role: 'MEMBER',
  status: 'ACTIVE',
  joinedAt: '2026-11-23T03:02:11.412Z',
};
/** An invitation addressed to an existing account (tenant and platform routes invite alike). */
const accountInvitation = {
  id: INVITATION,
  username: 'claire.dubois@example.org',
  role: 'MEMBER',
  status: 'PENDING',
  expiresAt: '2026-11-26T03:09:34.676Z',
  createdAt: '2026-11-23T03:09:34.676Z',
};
const invitation = {
  id: INVITATION,
  email: 'dr.bernard@example.org',
  role: 'ADMIN',
  status: 'PENDING',
  expiresAt: '2026-11-26T03:09:34.676Z',
  createdAt: '2026-11-23T03:09:34.676Z',
};
const secretaryRole = {
  name: 'secretary',
  description: 'Front desk: patients and the member list',
  permissions: ['patients:read', 'patients:write', 'members:read'],
  builtIn: false,
  usageCount: 0,
  createdAt: '2026-11-23T03:12:40.118Z',
  updatedAt: '2026-11-23T03:12:40.118Z',
};
const lilasRecord = {
  licenseNumber: 'FINESS 750012345',
  contactEmail: 'accueil@clinique-des-lilas.example',
  phone: '+33142868200',
  address: '12 rue des Lilas\n75019 Paris',
};
const novemberFigures = {
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
const AMINA = '4f7c2a90-1b3e-4d5f-9a86-2c0e7b1d3f58';
const amina = {
  id: AMINA,
  username: 'amina.diallo@example.org',
  role: null,
  organisationId: null,
  nom: 'Diallo',
  prenom: 'Amina',
};
/** Seed 004's is_organization: false: an account without organisation, signed in. */
const aminaSession = { token: TOKEN, refreshToken: REFRESH, expiresIn: 86400, user: amina, organisation: null, pendingMemberships: [] };
const martinProfile = {
  ...martin,
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
const grant = { grantedBy: MARTIN, grantedAt: '2026-11-23T09:00:00.000Z', expiresAt: '2026-11-23T11:00:00.000Z', reason: 'Ticket #4521' };

export const routeExamples: { readonly [R in RouteName]: RouteExamples } = {
  health: { responses: { 200: one('Ready', { status: 'ok' }) } },
  openapi: {
    responses: {
      200: one('This document (abridged)', {
        openapi: '3.1.0',
        info: { title: 'Cabinet API', version: '0.1.0' },
        servers: [{ url: 'http://127.0.0.1:3000' }],
        paths: { '/api/health': { get: { operationId: 'health' } } },
        components: { schemas: {} },
      }),
    },
  },
  docs: { responses: { 200: one('The page (abridged)', '<!doctype html><html lang="en"><head><title>Cabinet API</title>…') } },
  docsFile: {
    responses: {
      200: {
        script: { summary: "The page's script (abridged)", value: '"use strict";(()=>{…})();', contentType: 'text/javascript' },
        stylesheet: { summary: "Swagger UI's stylesheet (abridged)", value: '.swagger-ui{…}', contentType: 'text/css' },
        redirect: {
          summary: 'The OAuth 2 redirect page',
          value: '<!doctype html>\n<html lang="en-US">\n<body>\n<script src="oauth2-redirect.js"></script>\n</body>\n</html>\n',
          contentType: 'text/html',
        },
      },
    },
  },

  registerCabinet: {
    request: {
      seed: {
        summary: 'Seed 000: Dr Martin registers his cabinet',
        value: { organisationName: 'Cabinet Dr Martin', username: 'dr.martin', password: 'Cassius2025!', nom: 'Martin', prenom: 'Jean' },
      },
      withEmail: {
        summary: 'With an address (a verification link is e-mailed to it)',
        value: {
          organisationName: 'Cabinet Dr Martin',
          username: 'dr.martin',
          password: 'Cassius2025!',
          nom: 'Martin',
          prenom: 'Jean',
          email: 'jean.martin@example.org',
        },
      },
    },
    responses: { 201: one('The cabinet and its ADMIN, signed in', session) },
  },
  login: {
    request: one('Sign in', { username: 'dr.martin', password: 'Cassius2025!' }),
    responses: {
      200: {
        session: { summary: 'Signed in', value: session },
        noOrganisation: {
          summary: 'No organisation yet (or the chosen one awaits approval): organisation null, user routes only',
          value: {
            ...aminaSession,
            pendingMemberships: [{ organisation: { id: MARTIN_ORG, nom: 'Cabinet Dr Martin' }, role: 'VIEWER', status: 'PENDING' }],
          },
        },
        superAdmin: {
          summary: 'A platform super-admin without membership',
          value: {
            token: TOKEN,
            refreshToken: REFRESH,
            expiresIn: 86400,
            user: { id: OPS, username: 'ops@example.org', role: 'SUPER_ADMIN', organisationId: null, nom: 'Ops', prenom: 'Platform' },
            organisation: null,
          },
        },
        challenge: {
          summary: 'TOTP MFA is on: complete with POST /api/auth/login/mfa',
          value: { challenge: 'SOFTWARE_TOKEN_MFA', session: 'AYABeC3kYl9mZ0Qq…' },
        },
      },
    },
  },
  loginMfa: {
    request: one("The authenticator's code", { username: 'dr.martin', session: 'AYABeC3kYl9mZ0Qq0vJxW2tR…', code: '492817' }),
    responses: { 200: one('Signed in', session) },
  },
  refresh: {
    request: {
      api: {
        summary: 'The refresh token alone (any session the API recorded, whichever client issued it)',
        value: { refreshToken: REFRESH },
      },
      hostedLogin: {
        summary: "A hosted login's refresh token the API has not seen yet: its client, the web client",
        value: { refreshToken: REFRESH, clientId: 'e5dsx1ye62gffh6ok1r0krie1' },
      },
    },
    responses: { 200: one('A new ID token, with the session as a sign-in answers it', session) },
  },
  me: {
    responses: {
      200: {
        member: {
          summary: 'Dr Martin, whose address is proven',
          value: { user: martinProfile, organisation: martinOrg, permissions: ADMIN_PERMISSIONS },
        },
        noOrganisation: {
          summary: 'An account without organisation',
          value: {
            user: {
              ...martinProfile,
              ...amina,
              email: 'amina.diallo@example.org',
              emailVerified: false,
              phone: null,
              avatarUrl: null,
              dateOfBirth: '1992-04-03',
              gender: 'female',
              location: null,
              bio: null,
              specialization: null,
              locale: null,
            },
            organisation: null,
            permissions: [],
          },
        },
      },
    },
  },
  verifyEmail: {
    request: one('The token of the link e-mailed to the address', { token: 'Xk2vT9pL4sW1nR8eY3uA6mQ7bC0dF5gH' }),
    responses: { 200: one('Proven', { email: 'jean.martin@example.org', emailVerified: true }) },
  },
  resendVerification: { responses: { 202: one('A new link is on its way', { email: 'jean.martin@example.org', expiresInHours: 24 }) } },

  logout: {
    request: {
      session: { summary: 'Sign this session out', value: { refreshToken: REFRESH } },
      everywhere: { summary: 'Sign every session out', value: { refreshToken: REFRESH, everywhere: true } },
    },
  },
  changePassword: {
    request: one('The current password and the new one', { currentPassword: 'Cassius2025!', newPassword: 'Cassius2026!x' }),
    responses: { 200: one('A new session (every earlier token is refused)', session) },
  },
  forgotPassword: {
    request: one('By username (or by verified address)', { username: 'jean.martin@example.org' }),
    responses: {
      202: one('The same answer for every name', {
        status: 'ACCEPTED',
        message: 'If an account matches, a link to choose a new password has been sent to its verified e-mail address.',
        expiresInMinutes: 60,
      }),
    },
  },
  resetPassword: {
    request: one("The link's token and the new password", { token: 'q8Zr2mXv5NcT1bLw7YpK4dHs0fGj3aEu', newPassword: 'Cassius2026!x' }),
  },
  updateMe: {
    request: {
      profile: {
        summary: 'Profile fields (null clears one)',
        value: {
          phone: '+33612345678',
          avatarUrl: 'https://cdn.example.org/avatars/jean-martin.jpg',
          dateOfBirth: '1975-06-14',
          gender: 'male',
          location: 'Paris 11e',
          bio: 'Médecin généraliste depuis 2004.',
          specialization: 'Médecine générale',
          locale: 'fr',
        },
      },
      email: { summary: 'A new address: verification starts over', value: { email: 'jean.martin@cabinet-martin.example' } },
    },
    responses: { 200: one('The profile', { user: martinProfile, organisation: martinOrg, permissions: ADMIN_PERMISSIONS }) },
  },
  deleteMe: { request: one('The password, re-confirmed', { password: 'Cassius2025!' }) },
  startTotp: {
    request: one('The password, re-confirmed', { password: 'Cassius2025!' }),
    responses: {
      200: one('For the authenticator app', {
        secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
        otpauthUri:
          'otpauth://totp/Cabinet%3Adr.martin?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Cabinet&algorithm=SHA1&digits=6&period=30',
      }),
    },
  },
  verifyTotp: {
    request: one('The password and a code of the authenticator', { password: 'Cassius2025!', code: '492817' }),
    responses: { 200: one('MFA is on', { mfaEnabled: true }) },
  },
  disableTotp: {
    request: one('The password and a current code', { password: 'Cassius2025!', code: '492817' }),
    responses: { 200: one('MFA is off', { mfaEnabled: false }) },
  },

  createPatient: {
    request: one('A new patient', { nom: 'Durand', prenom: 'Claire', dateNaissance: '1984-03-12', email: 'claire.durand@example.org' }),
    responses: { 201: one('Created', patient) },
  },
  listPatients: { responses: { 200: one('One page', { items: [patient], nextCursor: null }) } },
  getPatient: { responses: { 200: one('The patient', patient) } },
  updatePatient: {
    request: one('A new phone number; the e-mail cleared', { telephone: '+33 6 12 34 56 78', email: null }),
    responses: {
      200: one('Updated', {
        id: PATIENT,
        nom: 'Durand',
        prenom: 'Claire',
        dateNaissance: '1984-03-12',
        telephone: '+33 6 12 34 56 78',
        createdAt: CREATED,
        updatedAt: '2026-11-23T04:15:22.031Z',
      }),
    },
  },
  deletePatient: {},

  register: {
    request: {
      join: {
        summary: 'Seed 001: join with the 10-digit code',
        value: {
          registrationType: 'join',
          email: 'claire.dubois@example.org',
          password: 'Secretaire2025!',
          confirmPassword: 'Secretaire2025!',
          fullName: 'Claire Dubois',
          organisationCode: '5014409691',
        },
      },
      account: {
        summary: "Seed 004's is_organization: false: an account without organisation, with profile fields",
        value: {
          registrationType: 'account',
          email: 'amina.diallo@example.org',
          password: 'Infirmiere2025!',
          confirmPassword: 'Infirmiere2025!',
          nom: 'Diallo',
          prenom: 'Amina',
          gender: 'female',
          dateOfBirth: '1992-04-03',
          phone: '+33698765432',
          avatarUrl: 'https://cdn.example.org/avatars/amina.jpg',
        },
      },
      create: {
        summary: 'Seed 002: create an organisation',
        value: {
          registrationType: 'create',
          email: 'dr.moreau@example.org',
          password: 'Clinique2025!',
          confirmPassword: 'Clinique2025!',
          nom: 'Moreau',
          prenom: 'Inès',
          organisationName: 'Clinique Moreau',
          description: 'Clinique de jour, Lyon 3e',
          country: 'FR',
          subscriptionTier: 'free',
        },
      },
    },
    responses: {
      201: {
        joined: { summary: 'Joined and signed in', value: claireSession },
        account: { summary: 'An account without organisation, signed in', value: aminaSession },
      },
      202: one('The code requires approval: a pending request, no token', {
        status: 'PENDING',
        user: { id: PAUL, username: 'paul.leroy@example.org', nom: 'Leroy', prenom: 'Paul' },
        organisation: { id: MARTIN_ORG, nom: 'Cabinet Dr Martin' },
      }),
    },
  },
  joinOrganisation: {
    request: one('A practitioner of another practice joins by code', { organisationCode: '5014409691' }),
    responses: {
      201: one('Joined', { organisation: { id: MARTIN_ORG, nom: 'Cabinet Dr Martin' }, membership: { role: 'MEMBER', status: 'ACTIVE' } }),
      202: one('Awaiting approval', {
        organisation: { id: MARTIN_ORG, nom: 'Cabinet Dr Martin' },
        membership: { role: 'VIEWER', status: 'PENDING' },
      }),
    },
  },
  getJoinCode: { responses: { 200: one('The code and its policy', joinCode) } },
  updateJoinCode: {
    request: one('Seed 003: joining needs approval, as VIEWER', { requiresApproval: true, role: 'VIEWER' }),
    responses: { 200: one('Updated', { ...joinCode, role: 'VIEWER', requiresApproval: true }) },
  },
  rotateJoinCode: { responses: { 200: one('A new code', { ...joinCode, code: '7302918465' }) } },
  listJoinRequests: { responses: { 200: one('Pending requests', { items: [paulRequest], nextCursor: null }) } },
  approveJoinRequest: {
    request: one('Approve with another role', { role: 'MEMBER' }),
    responses: {
      200: one('Approved', {
        ...paulRequest,
        status: 'APPROVED',
        role: 'MEMBER',
        reviewedBy: MARTIN,
        reviewedAt: '2026-11-23T03:09:34.237Z',
      }),
    },
  },
  rejectJoinRequest: {
    request: one('Reject with a reason', { reason: 'Unknown to the practice' }),
    responses: {
      200: one('Rejected', {
        ...paulRequest,
        status: 'REJECTED',
        reviewedBy: MARTIN,
        reviewedAt: '2026-11-23T03:09:34.237Z',
        reason: 'Unknown to the practice',
      }),
    },
  },

  listOrganisations: {
    responses: { 200: one("Dr Martin's organisations", { items: [{ organisation, role: 'ADMIN', status: 'ACTIVE', current: true }] }) },
  },
  createOrganisation: {
    request: one('A second practice', { organisationName: 'Cabinet Martin Lyon', country: 'FR' }),
    responses: {
      201: one('Created, the caller its ADMIN', {
        organisation: {
          ...organisation,
          id: '5b1e9c4a-0d7f-4a2e-8c36-91f0e2d4b7a8',
          nom: 'Cabinet Martin Lyon',
          slug: 'cabinet-martin-lyon',
          code: '2846193057',
          memberCount: 1,
        },
      }),
    },
  },
  getOrganisation: {
    responses: {
      200: one('The organisation (with its code, for an admin) and its record', {
        organisation: {
          ...organisation,
          description: 'Médecine générale, Paris 11e',
          licenseNumber: 'RPPS 10003456789',
          contactEmail: 'accueil@cabinet-martin.example',
          phone: '+33143551234',
          address: '18 rue Oberkampf\n75011 Paris',
        },
      }),
    },
  },
  updateOrganisation: {
    request: {
      describe: { summary: 'Describe it', value: { description: 'Médecine générale, Paris 11e' } },
      requireMfa: { summary: 'Require MFA of every member (the caller has it on)', value: { mfaRequired: true } },
    },
    responses: {
      200: one('Updated', {
        organisation: { ...organisation, description: 'Médecine générale, Paris 11e', updatedAt: '2026-11-23T05:01:44.902Z' },
      }),
    },
  },
  deleteOrganisation: {},
  leaveOrganisation: {},
  switchOrganisation: {
    request: one('Switch to another organisation', { organisationId: '5b1e9c4a-0d7f-4a2e-8c36-91f0e2d4b7a8', refreshToken: REFRESH }),
    responses: {
      200: one('A token for it', {
        token: TOKEN,
        expiresIn: 86400,
        user: { ...martin, organisationId: '5b1e9c4a-0d7f-4a2e-8c36-91f0e2d4b7a8' },
        organisation: { id: '5b1e9c4a-0d7f-4a2e-8c36-91f0e2d4b7a8', nom: 'Cabinet Martin Lyon', code: '2846193057' },
      }),
    },
  },
  listAudit: {
    responses: {
      200: one('Newest first', {
        items: [
          {
            id: '6a0f3e2b-91c4-4d8e-b7a5-0c2e9f1d4b36',
            action: 'join-request.approved',
            actorId: MARTIN,
            target: PAUL,
            details: { role: 'MEMBER' },
            at: '2026-11-23T03:09:34.237Z',
          },
          { id: '0e4b7c19-5d2a-4f83-a6e1-7b9c3d8f2a50', action: 'organisation.created', actorId: MARTIN, at: CREATED },
        ],
        nextCursor: null,
      }),
    },
  },
  listEvents: {
    responses: {
      200: one('Newest first', {
        items: [
          {
            id: '01KBX5Q3T8M2V6R9C4D7F0H1JN',
            type: 'patient.updated',
            organisationId: MARTIN_ORG,
            occurredAt: '2026-11-23T03:12:08.511Z',
            data: { actorId: MARTIN, patientId: PATIENT, changes: ['telephone'] },
          },
          {
            id: '01KBX5J0W4N8Q2S6V9Y3B5D7FG',
            type: 'join_request.approved',
            organisationId: MARTIN_ORG,
            occurredAt: '2026-11-23T03:09:34.237Z',
            data: { actorId: MARTIN, userId: PAUL },
          },
        ],
        nextCursor: null,
      }),
    },
  },
  createWebhook: {
    request: one('Patients and members, to the agenda system', {
      url: 'https://agenda.example.com/hooks/cabinet',
      eventTypes: ['patient.created', 'patient.updated', 'member.added', 'member.removed'],
      description: 'Agenda sync',
    }),
    responses: { 201: one('Registered: the secret is shown this once', { ...webhookExample, secret: WEBHOOK_SECRET }) },
  },
  listWebhooks: { responses: { 200: one('One endpoint', { items: [webhookExample] }) } },
  getWebhook: { responses: { 200: one('The endpoint', webhookExample) } },
  updateWebhook: {
    request: one('Enable it again after the receiver is back', { enabled: true }),
    responses: { 200: one('Enabled', { ...webhookExample, updatedAt: '2026-11-24T08:00:00.000Z' }) },
  },
  deleteWebhook: {},
  rotateWebhookSecret: {
    responses: {
      200: one('The new secret; the previous one signs 24 h more', {
        secret: WEBHOOK_SECRET_2,
        previousSecretExpiresAt: '2026-11-25T08:00:00.000Z',
      }),
    },
  },
  listWebhookDeliveries: {
    responses: {
      200: one('A retry after a 503', {
        items: [
          {
            id: '01KBX5R7A2C4E6G8J0K2M4P6R8',
            eventId: '01KBX5Q3T8M2V6R9C4D7F0H1JN',
            eventType: 'patient.updated',
            attempt: 2,
            statusCode: 200,
            durationMs: 142,
            outcome: 'succeeded',
            at: '2026-11-23T03:12:14.020Z',
            nextAttemptAt: null,
          },
          {
            id: '01KBX5Q4B1D3F5H7K9M1P3R5T7',
            eventId: '01KBX5Q3T8M2V6R9C4D7F0H1JN',
            eventType: 'patient.updated',
            attempt: 1,
            statusCode: 503,
            durationMs: 87,
            outcome: 'failed',
            error: 'answered 503',
            at: '2026-11-23T03:12:08.700Z',
            nextAttemptAt: '2026-11-23T03:12:13.900Z',
          },
        ],
        nextCursor: null,
      }),
    },
  },
  testWebhook: { responses: { 202: one('Attempted', { eventId: '01KBX6A0B2C4D6E8F0G2H4J6K8' }) } },
  getSupportAccess: { responses: { 200: one('An active grant', { grant, active: true }) } },
  grantSupportAccess: {
    request: one('Two hours, for a ticket', { hours: 2, reason: 'Ticket #4521' }),
    responses: { 201: one('Granted', { grant, active: true }) },
  },
  revokeSupportAccess: {},

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
    responses: { 201: one('Created and e-mailed: the one-time token travels only in the e-mail', { invitation }) },
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

  platformListOrganisations: { responses: { 200: one('Newest first', { items: [platformOrganisation], nextCursor: null }) } },
  platformCreateOrganisation: {
    request: one('Seed 003: the platform creates a clinic', {
      organisationName: 'Clinique des Lilas',
      licenseNumber: 'FINESS 750012345',
      contactEmail: 'accueil@clinique-des-lilas.example',
      phone: '+33142868200',
      address: '12 rue des Lilas\n75019 Paris',
      country: 'FR',
      subscriptionTier: 'pro',
      maxUsers: 25,
      adminEmail: 'direction@clinique-des-lilas.example',
      adminNom: 'Lefèvre',
      adminPrenom: 'Anne',
    }),
    responses: {
      201: one('The organisation and its first ADMIN invitation', {
        organisation: {
          ...platformOrganisation,
          id: LILAS,
          nom: 'Clinique des Lilas',
          slug: 'clinique-des-lilas',
          subscriptionTier: 'pro',
          maxUsers: 25,
          memberCount: 0,
          adminCount: 0,
          ...lilasRecord,
        },
        invitation: {
          id: '9d2b6f1e-4a7c-4e3b-b5d8-2f0a6c9e1b74',
          email: 'direction@clinique-des-lilas.example',
          role: 'ADMIN',
          expiresAt: '2026-11-26T02:47:03.859Z',
        },
      }),
    },
  },
  platformUpdateOrganisation: {
    request: one('A paid plan', { subscriptionTier: 'pro', maxUsers: 20 }),
    responses: {
      200: one('Updated', {
        organisation: { ...platformOrganisation, subscriptionTier: 'pro', maxUsers: 20, updatedAt: '2026-11-27T17:38:09.804Z' },
      }),
    },
  },
  platformSuspendOrganisation: { responses: { 200: one('Suspended', { organisation: { ...platformOrganisation, status: 'SUSPENDED' } }) } },
  platformReactivateOrganisation: { responses: { 200: one('Active again', { organisation: platformOrganisation }) } },
  platformSupportListPatients: { responses: { 200: one('One page', { items: [patient], nextCursor: null }) } },
  platformSupportGetPatient: { responses: { 200: one('The patient', patient) } },
  platformListMembers: {
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
  platformAddMember: {
    request: one("Seed 004: an agent's account in any organisation", {
      email: 'accueil@clinique-des-lilas.example',
      nom: 'Petit',
      prenom: 'Lucas',
      role: 'VIEWER',
      locale: 'fr',
    }),
    responses: {
      201: one('A new account, member at once; the set-password link went to the address', {
        member: {
          userId: '2e8f4c1a-7b3d-4a96-8c05-d1f7e3b9a642',
          username: 'accueil@clinique-des-lilas.example',
          nom: 'Petit',
          prenom: 'Lucas',
          role: 'VIEWER',
          status: 'ACTIVE',
          joinedAt: '2026-11-27T17:40:12.301Z',
        },
        setPasswordLink: { emailedTo: 'accueil@clinique-des-lilas.example', expiresAt: '2026-11-30T17:40:12.301Z' },
      }),
      202: one('An existing account is invited: it becomes a member once it accepts', {
        invitation: { ...accountInvitation, expiresAt: '2026-11-30T17:40:12.301Z', createdAt: '2026-11-27T17:40:12.301Z' },
      }),
    },
  },
  platformUpdateMember: {
    request: one('Make a second ADMIN', { role: 'ADMIN' }),
    responses: { 200: one('Updated', { member: { ...claireMember, role: 'ADMIN' } }) },
  },
  platformListAudit: {
    responses: {
      200: one('Newest first', {
        items: [
          {
            id: '5c1c88d0-5af6-414a-b0cc-a899fe5a8f3e',
            organisationId: LILAS,
            action: 'organisation.reactivated',
            actorId: OPS,
            target: LILAS,
            details: { superAdmin: 'ops@example.org', status: 'ACTIVE' },
            at: '2026-11-27T17:38:15.264Z',
          },
          {
            id: '035897b5-dbca-4668-99e0-875889227292',
            organisationId: LILAS,
            action: 'organisation.suspended',
            actorId: OPS,
            target: LILAS,
            details: { superAdmin: 'ops@example.org', status: 'SUSPENDED' },
            at: '2026-11-27T17:38:15.214Z',
          },
        ],
        nextCursor: 'eyJ0IjoiZkw3QUpiajcxWWVKOHNIXyIsImsiOiJBVURJVCMyMDI2…',
      }),
    },
  },
  platformMetrics: {
    responses: {
      200: one('November 2026', {
        from: '2026-11',
        to: '2026-11',
        months: [{ month: '2026-11', ...novemberFigures }],
        totals: novemberFigures,
        current: { invitationsPending: 1, joinRequestsPending: 0, expiriesCountedUntil: '2026-11-27T17:00:00.000Z' },
      }),
    },
  },
};

const WEBHOOK = '3f9a1c2e-7b4d-4e6f-9a8b-1c2d3e4f5a6b';

/** What each event type's data holds in the walkthroughs' organisation (ids and field names only). */
const EVENT_DATA: Readonly<Record<EventType, EventData>> = {
  'member.added': { actorId: MARTIN, userId: CLAIRE },
  'member.removed': { actorId: MARTIN, userId: CLAIRE },
  'member.role_changed': { actorId: MARTIN, userId: CLAIRE, changes: ['role'] },
  'member.suspended': { actorId: MARTIN, userId: CLAIRE, changes: ['status'] },
  'member.reactivated': { actorId: MARTIN, userId: CLAIRE, changes: ['status'] },
  'invitation.created': { actorId: MARTIN, invitationId: INVITATION },
  'invitation.accepted': { actorId: CLAIRE, invitationId: INVITATION },
  'invitation.declined': { actorId: CLAIRE, invitationId: INVITATION },
  'invitation.revoked': { actorId: MARTIN, invitationId: INVITATION },
  'join_request.created': { actorId: PAUL, userId: PAUL },
  'join_request.approved': { actorId: MARTIN, userId: PAUL },
  'join_request.rejected': { actorId: MARTIN, userId: PAUL },
  'join_request.withdrawn': { actorId: PAUL, userId: PAUL },
  'organisation.created': { actorId: MARTIN },
  'organisation.updated': { actorId: MARTIN, changes: ['description', 'phone'] },
  'organisation.suspended': { actorId: OPS, changes: ['status'] },
  'organisation.reactivated': { actorId: OPS, changes: ['status'] },
  'organisation.deleted': { actorId: MARTIN },
  'role.created': { actorId: MARTIN, roleName: 'SECRETARIAT' },
  'role.updated': { actorId: MARTIN, roleName: 'SECRETARIAT', changes: ['permissions'] },
  'role.deleted': { actorId: MARTIN, roleName: 'SECRETARIAT' },
  'join_code.rotated': { actorId: MARTIN, changes: ['code'] },
  'join_code.updated': { actorId: MARTIN, changes: ['defaultRole', 'requiresApproval'] },
  'support_access.granted': { actorId: MARTIN },
  'support_access.revoked': { actorId: MARTIN },
  'support_access.used': { actorId: OPS },
  'patient.created': { actorId: MARTIN, patientId: PATIENT },
  'patient.updated': { actorId: MARTIN, patientId: PATIENT, changes: ['telephone'] },
  'patient.deleted': { actorId: MARTIN, patientId: PATIENT },
  'webhook.created': { actorId: MARTIN, webhookId: WEBHOOK },
  'webhook.updated': { actorId: MARTIN, webhookId: WEBHOOK, changes: ['eventTypes'] },
  'webhook.deleted': { actorId: MARTIN, webhookId: WEBHOOK },
  'webhook.secret_rotated': { actorId: MARTIN, webhookId: WEBHOOK, changes: ['secret'] },
  'webhook.disabled': { actorId: 'system', webhookId: WEBHOOK, changes: ['status'] },
  'webhook.test': { actorId: MARTIN, webhookId: WEBHOOK },
};

/** A delivery's body for `type`, as the OpenAPI document's `webhooks` shows it. */
export const webhookPayloadExample = (type: EventType) => ({
  type,
  timestamp: '2026-11-23T03:12:08.511Z',
  id: '01KBX5Q3T8M2V6R9C4D7F0H1JN',
  organisationId: MARTIN_ORG,
  data: EVENT_DATA[type],
});
