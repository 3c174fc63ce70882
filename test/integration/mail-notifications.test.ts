// Who is told what, read back from the local SES emulator: a join request reaches every ACTIVE member allowed to
// review it (custom roles included) at a proven address, in their language; the requester learns the outcome;
// the admins (members:manage) learn who joined by code; nobody else gets anything.

import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { api, PASSWORD, registerCabinet, stack, unique } from '#test/api';
import { dynamo, partition } from '#test/emulators';
import { type DeliveredMail, mailTo, registerVerifiedCabinet, tokenFromMail, verifyAccountAddress, waitForMail } from '#test/mail';
import { createRole, login, orgPath } from '#test/members';
import { joinInput, newEmail, register } from '#test/registration';
import { poll } from '#test/wait';

type Cabinet = Awaited<ReturnType<typeof registerVerifiedCabinet>>;

/** Someone invited with `role` who accepts as a new account: their address is proven, their locale the one given. */
async function invitedPerson(cabinet: Cabinet, role: string, locale: 'fr' | 'en') {
  const email = newEmail();
  const invited = await api('POST', orgPath(cabinet, '/invitations'), { token: cabinet.token, body: { email, role, locale } });
  expect(invited.status).toBe(201);
  const token = await tokenFromMail(email, new RegExp(cabinet.organisation.nom));
  const accepted = await api('POST', '/api/auth/accept-invitation', {
    body: { token, password: PASSWORD, confirmPassword: PASSWORD, nom: 'Relecteur', prenom: 'Rita', locale },
  });
  expect(accepted.status).toBe(201);
  return { email, userId: accepted.body.user.id as string, token: accepted.body.token as string };
}

/** An account the admin creates with `role` and an address; `prove` makes its owner verify it. */
async function agent(cabinet: Cabinet, role: string, prove: boolean) {
  const email = newEmail();
  const username = unique('agent');
  const body = { username, email, password: PASSWORD, confirmPassword: PASSWORD, nom: 'Agent', prenom: 'Alex', role };
  expect((await api('POST', orgPath(cabinet, '/members'), { token: cabinet.token, body })).status).toBe(201);
  const token = await login(username);
  if (prove) await verifyAccountAddress({ token }, email);
  return { email, token };
}

const about = (organisation: string) => (mail: DeliveredMail) => mail.subject.includes(organisation);
/** The organisation's mail jobs still waiting to be sent (the outbox: every message goes through one). */
const pendingJobs = async (cabinet: Cabinet) =>
  (await partition(`ORG#${cabinet.organisation.id}`)).filter((item) => String(item.sk).startsWith('MAILJOB#') && item.status === 'PENDING');

/** Once the organisation's outbox has nothing left to send, what `address` got about `organisation`. */
async function settledMailAbout(cabinet: Cabinet, address: string, organisation: string): Promise<DeliveredMail[]> {
  expect(
    await poll(
      () => pendingJobs(cabinet),
      (jobs) => jobs.length === 0,
    ),
  ).toEqual([]);
  return (await mailTo(address)).filter(about(organisation));
}

describe('a new join request', () => {
  it('reaches every ACTIVE member who may review it, at a verified address, in their own language', async () => {
    const admin = await registerVerifiedCabinet(); // ADMIN, French (the default)
    const nom = admin.organisation.nom as string;
    await createRole(admin, 'recruteur', ['join-requests:manage', 'members:read']);
    const reviewer = await invitedPerson(admin, 'recruteur', 'en'); // a custom role holding join-requests:manage
    const member = await agent(admin, 'MEMBER', true); // verified, but may not review
    const unproven = await agent(admin, 'ADMIN', false); // may review, but its address was set by the admin
    await api('PATCH', orgPath(admin, '/join-code'), { token: admin.token, body: { requiresApproval: true } });
    const requester = joinInput(admin.organisation.code, { fullName: 'Paul Leroy' });

    const response = await register(requester);

    expect(response.status).toBe(202);
    const [toAdmin] = await waitForMail(admin.email, { filter: about(nom) });
    const [toReviewer] = await waitForMail(reviewer.email, { filter: (m) => m.subject.startsWith('New request') });
    expect(toAdmin?.subject).toBe(`Nouvelle demande pour rejoindre ${nom}`);
    expect(toAdmin?.text).toContain(`Paul Leroy (${requester.email}) demande à rejoindre ${nom} avec le rôle MEMBER.`);
    expect(toAdmin?.link).toBe(`${stack().baseUrl}/join-requests?organisationId=${admin.organisation.id}`);
    expect(toAdmin?.token).toBeUndefined();
    expect(toReviewer?.subject).toBe(`New request to join ${nom}`);
    expect(toReviewer?.text).toContain('Hello Rita,');
    expect(await settledMailAbout(admin, member.email, nom)).toEqual([]);
    expect(await settledMailAbout(admin, unproven.email, nom)).toEqual([]);
    // Exactly one each.
    expect(await settledMailAbout(admin, admin.email, 'Nouvelle demande')).toHaveLength(1);
    // The requester gets only their own verification link.
    expect((await mailTo(requester.email)).map((mail) => mail.subject)).toEqual(['Confirmez votre adresse e-mail pour Cabinet']);
  });
});

describe('the review of a join request', () => {
  it('tells the requester of the approval (their language) and of a rejection (with its reason)', async () => {
    const admin = await registerVerifiedCabinet();
    const nom = admin.organisation.nom as string;
    await api('PATCH', orgPath(admin, '/join-code'), { token: admin.token, body: { requiresApproval: true, role: 'VIEWER' } });
    const approved = joinInput(admin.organisation.code, { locale: 'en' });
    const rejected = joinInput(admin.organisation.code);
    const [first, second] = [await register(approved), await register(rejected)];

    const approval = await api('POST', orgPath(admin, `/join-requests/${first.body.user.id}/approve`), {
      token: admin.token,
      body: { role: 'MEMBER' },
    });
    const rejection = await api('POST', orgPath(admin, `/join-requests/${second.body.user.id}/reject`), {
      token: admin.token,
      body: { reason: 'Inconnu du cabinet' },
    });

    expect([approval.status, rejection.status]).toEqual([200, 200]);
    const [approvedMail] = await waitForMail(approved.email, { filter: about(nom) });
    const [rejectedMail] = await waitForMail(rejected.email, { filter: about(nom) });
    expect(approvedMail?.subject).toBe(`Your request to join ${nom} was approved`);
    expect(approvedMail?.text).toContain('with the role MEMBER');
    expect(rejectedMail?.subject).toBe(`Votre demande pour rejoindre ${nom} est refusée`);
    expect(rejectedMail?.text).toContain('Motif : Inconnu du cabinet');
    expect(await settledMailAbout(admin, approved.email, nom)).toHaveLength(1);
    expect(await settledMailAbout(admin, rejected.email, nom)).toHaveLength(1);
  });
});

describe('someone joining by code', () => {
  it("tells the organisation's admins (members:manage), not its other members", async () => {
    const admin = await registerVerifiedCabinet();
    const nom = admin.organisation.nom as string;
    await createRole(admin, 'gestion', ['members:manage', 'members:read']);
    const manager = await invitedPerson(admin, 'gestion', 'fr');
    const viewer = await agent(admin, 'VIEWER', true);
    const joiner = joinInput(admin.organisation.code, { fullName: 'Claire Dubois' });

    expect((await register(joiner)).status).toBe(201);

    for (const address of [admin.email, manager.email]) {
      const [mail] = await waitForMail(address, { filter: (m) => m.subject.includes('a rejoint') });
      expect(mail?.subject).toBe(`Claire Dubois a rejoint ${nom}`);
      expect(mail?.text).toContain(`Claire Dubois (${joiner.email}) a rejoint ${nom} avec le code d'accès, avec le rôle MEMBER.`);
    }
    expect(await settledMailAbout(admin, viewer.email, 'a rejoint')).toEqual([]);
    expect(await settledMailAbout(admin, manager.email, 'a rejoint')).toHaveLength(1);
  });

  it('also when a signed-in user joins with POST /api/auth/join-organisation', async () => {
    const admin = await registerVerifiedCabinet();
    const practitioner = await registerCabinet({ nom: 'Bernard', prenom: 'Sophie' });

    const joined = await api('POST', '/api/auth/join-organisation', {
      token: practitioner.token,
      body: { organisationCode: admin.organisation.code },
    });

    expect(joined.status).toBe(201);
    const [mail] = await waitForMail(admin.email, { filter: (m) => m.subject.includes('a rejoint') });
    expect(mail?.subject).toBe(`Sophie Bernard a rejoint ${admin.organisation.nom}`);
  });

  it('reaches the admins of an organisation whose memberships predate the roster, and writes its roster', async () => {
    const admin = await registerVerifiedCabinet();
    const roster = async () => (await partition(`ORG#${admin.organisation.id}`)).filter((item) => String(item.sk).startsWith('ROSTER#'));
    // As before the roster existed: memberships without their entries.
    for (const entry of await roster()) {
      await dynamo().send(new DeleteCommand({ TableName: stack().tableName, Key: { pk: entry.pk, sk: entry.sk } }));
    }
    const practitioner = await registerCabinet({ nom: 'Roux', prenom: 'Léa' });

    const joined = await api('POST', '/api/auth/join-organisation', {
      token: practitioner.token,
      body: { organisationCode: admin.organisation.code },
    });

    expect(joined.status).toBe(201);
    const [mail] = await waitForMail(admin.email, { filter: (m) => m.subject.includes('Léa Roux a rejoint') });
    expect(mail?.subject).toBe(`Léa Roux a rejoint ${admin.organisation.nom}`);
    expect((await roster()).map((entry) => entry.userId).sort()).toEqual([admin.user.id, practitioner.user.id].sort());
  });
});
