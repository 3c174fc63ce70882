// DELETE /api/organisations/{id}: answers 202 at once and every member loses access at once; the deletion worker
// (run every second by the test stack, each run for at most 2 s) then removes every item of the organisation and
// its guards, without a second call; members' accounts stay, their current organisation forgotten.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { patientNamePartitions } from '#domain/patient-search';
import { api, registerCabinet, unique } from '#test/api';
import { organisationGone, seedPatients } from '#test/deletion';
import { getItem, partition } from '#test/emulators';
import { INVITATION_SUBJECT, latestMail, tokenFromMail } from '#test/mail';
import { eventually } from '#test/members';
import { addExistingUser, addNewMember, type Cabinet, cognitoEnabled, signIn, switchTo } from '#test/organisations';
import { createSuperAdmin } from '#test/platform';

const orgPath = (id: string, rest = '') => `/api/organisations/${id}${rest}`;

const organisationItem = (id: string) => getItem(`ORG#${id}`, 'ORGANISATION');

/** The guard items an organisation holds, read from its stored item (name key, slug, join code). */
async function guardsOf(id: string) {
  const org = await organisationItem(id);
  if (!org) throw new Error(`organisation ${id} not found`);
  return [`ORGNAME#${org.nameKey}`, `ORGSLUG#${org.slug}`, `JOINCODE#${org.code}`];
}

const guardItems = (pks: string[]) => Promise.all(pks.map((pk) => getItem(pk, 'GUARD')));

const platformAudit = async (organisationId: string) =>
  (await partition('PLATFORM'))
    .filter((item) => String(item.sk).startsWith('AUDIT#') && item.organisationId === organisationId)
    .map((item) => item.action)
    .sort();

/** An organisation with data of every kind: patients, a custom role, an invitation, a support grant, audit. */
async function populated(cabinet: Cabinet) {
  for (const nom of ['Alpha', 'Beta', 'Gamma']) {
    expect((await api('POST', '/api/patients', { token: cabinet.token, body: { nom, prenom: 'Patient' } })).status).toBe(201);
  }
  const id = cabinet.organisation.id;
  expect(
    (await api('POST', orgPath(id, '/roles'), { token: cabinet.token, body: { name: 'clerk', permissions: ['patients:read'] } })).status,
  ).toBe(201);
  const invitee = `${unique('invitee')}@example.org`;
  const invitation = await api('POST', orgPath(id, '/invitations'), { token: cabinet.token, body: { email: invitee, role: 'VIEWER' } });
  expect(invitation.status).toBe(201);
  expect((await api('POST', orgPath(id, '/support-access'), { token: cabinet.token, body: { hours: 1 } })).status).toBe(201);
  expect((await api('PATCH', orgPath(id), { token: cabinet.token, body: { description: 'bientôt supprimé' } })).status).toBe(200);
  return { invitationToken: await tokenFromMail(invitee, INVITATION_SUBJECT) };
}

describe('DELETE /api/organisations/{id}', () => {
  it("removes every item of the organisation's partition and its name, slug and join-code guards", async () => {
    const cabinet = await registerCabinet();
    await addNewMember(cabinet, 'MEMBER');
    const { invitationToken } = await populated(cabinet);
    const guards = await guardsOf(cabinet.organisation.id);
    expect((await guardItems(guards)).every(Boolean)).toBe(true);
    expect((await partition(`ORG#${cabinet.organisation.id}`)).length).toBeGreaterThan(8);
    const nameIndex = () => Promise.all(patientNamePartitions(cabinet.organisation.id).map((pk) => partition(pk)));
    expect((await nameIndex()).flat()).toHaveLength(6);

    const response = await api('DELETE', orgPath(cabinet.organisation.id), { token: cabinet.token });

    expect(response.status).toBe(202);
    expect(response.body).toEqual({ status: 'DELETING' });
    expect(await organisationGone(cabinet.organisation.id)).toBe(true);
    expect(await partition(`ORG#${cabinet.organisation.id}`)).toEqual([]);
    expect((await nameIndex()).flat()).toEqual([]);
    expect(await guardItems(guards)).toEqual([undefined, undefined, undefined]);
    expect(await platformAudit(cabinet.organisation.id)).toEqual(['organisation.deleted', 'organisation.deletion-started']);
    const accept = await api('POST', '/api/auth/accept-invitation', {
      body: { token: invitationToken, password: 'Cassius2025!', confirmPassword: 'Cassius2025!', nom: 'Late', prenom: 'Invitee' },
    });
    expect(accept.status).toBe(404);
    // The invitation's token guard (found through the hash kept on the invitation item) is gone too.
    expect(await getItem(`INVITE#${createHash('sha256').update(invitationToken).digest('hex')}`, 'GUARD')).toBeUndefined();
  });

  it('frees every guard a clinic holds: name, slug, join code, temporary code and licence number', async () => {
    // A clinic (seed 003's create-clinic: a temporary code beside the permanent one) whose admin records a licence.
    const root = await createSuperAdmin();
    const id = unique('lac');
    const adminEmail = `admin.${id}@example.org`;
    const clinic = await api('POST', '/compat/clinic/functions/v1/create-clinic', {
      token: root.token,
      body: { clinicName: `Clinique du Lac ${id}`, adminEmail, adminName: 'Ndiaye', adminPrenom: 'Moussa' },
    });
    expect(clinic.status).toBe(201);
    const organisationId = clinic.body.clinic.id as string;
    const mail = await latestMail(adminEmail, /choisissez votre mot de passe|choose your password/);
    expect(
      (await api('POST', '/api/auth/reset-password', { body: { token: mail.token, newPassword: 'Premier-Acces-2026!' } })).status,
    ).toBe(204);
    const admin = await signIn(adminEmail, 'Premier-Acces-2026!');
    const licenseNumber = `FINESS ${id}`;
    expect((await api('PATCH', orgPath(organisationId), { token: admin.token, body: { licenseNumber } })).status).toBe(200);
    const org = await organisationItem(organisationId);
    const guards = [...(await guardsOf(organisationId)), `JOINCODE#${org?.joinCode.temporaryCode.code}`, `ORGLICENSE#${org?.licenseKey}`];
    expect((await guardItems(guards)).map((guard) => guard?.organisationId)).toEqual(Array(5).fill(organisationId));

    expect((await api('DELETE', orgPath(organisationId), { token: admin.token })).status).toBe(202);
    expect(await organisationGone(organisationId)).toBe(true);

    expect(await guardItems(guards)).toEqual(Array(5).fill(undefined));
  }, 60_000);

  it("frees the organisation's name for a new organisation", async () => {
    const [cabinet, other] = await Promise.all([registerCabinet(), registerCabinet()]);
    expect((await api('DELETE', orgPath(cabinet.organisation.id), { token: cabinet.token })).status).toBe(202);
    expect(await organisationGone(cabinet.organisation.id)).toBe(true);

    const reuse = await api('POST', '/api/organisations', {
      token: other.token,
      body: { organisationName: cabinet.input.organisationName.toUpperCase() },
    });

    expect(reuse.status).toBe(201);
  });

  it("keeps its members' accounts: their current organisation is forgotten and their next sign-in names none", async () => {
    const cabinet = await registerCabinet();
    const member = await addNewMember(cabinet, 'MEMBER');

    expect((await api('DELETE', orgPath(cabinet.organisation.id), { token: cabinet.token })).status).toBe(202);
    expect(await organisationGone(cabinet.organisation.id)).toBe(true);

    expect(await cognitoEnabled(member.user.username)).toBe(true);
    expect(await cognitoEnabled(cabinet.user.username)).toBe(true);
    expect(await getItem(`USER#${member.user.id}`, 'PROFILE')).not.toHaveProperty('currentOrganisationId');
    expect(await getItem(`USER#${cabinet.user.id}`, 'PROFILE')).not.toHaveProperty('currentOrganisationId');
    expect((await api('GET', '/api/patients', { token: member.token })).status).toBe(401);
    const again = await api('POST', '/api/auth/login', { body: { username: member.user.username, password: 'Cassius2025!' } });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ organisation: null, user: { organisationId: null } });
  });

  it("never moves a member's next token to another of their organisations: it names none until they choose one", async () => {
    const [doomed, home] = await Promise.all([registerCabinet(), registerCabinet()]);
    await addExistingUser(doomed, home, 'MEMBER');
    await switchTo(home, doomed.organisation.id);
    expect(await getItem(`USER#${home.user.id}`, 'PROFILE')).toMatchObject({ currentOrganisationId: doomed.organisation.id });

    expect((await api('DELETE', orgPath(doomed.organisation.id), { token: doomed.token })).status).toBe(202);
    expect(await organisationGone(doomed.organisation.id)).toBe(true);

    expect(await cognitoEnabled(home.user.username)).toBe(true);
    expect(await getItem(`USER#${home.user.id}`, 'PROFILE')).not.toHaveProperty('currentOrganisationId');
    const session = await api('POST', '/api/auth/login', { body: { username: home.input.username, password: 'Cassius2025!' } });
    expect(session.body).toMatchObject({ organisation: null });
    const list = await api('GET', '/api/organisations', { token: session.body.token });
    expect(list.body.items.map((item: { organisation: { id: string } }) => item.organisation.id)).toEqual([home.organisation.id]);
    expect((await api('GET', '/api/patients', { token: session.body.token })).status).toBe(403);
    // Choosing it again is theirs to do.
    const chosen = await switchTo(session.body, home.organisation.id);
    expect((await api('GET', '/api/patients', { token: chosen.token })).status).toBe(200);
  });

  it('answers 403 to a MEMBER, 404 for another or an unknown organisation, 401 without a token; nothing is deleted', async () => {
    const [cabinet, other] = await Promise.all([registerCabinet(), registerCabinet()]);
    const member = await addNewMember(cabinet, 'MEMBER');

    const asMember = await api('DELETE', orgPath(cabinet.organisation.id), { token: member.token });
    const foreign = await api('DELETE', orgPath(cabinet.organisation.id), { token: other.token });
    const unknown = await api('DELETE', orgPath('no-such-organisation'), { token: other.token });
    const anonymous = await api('DELETE', orgPath(cabinet.organisation.id));

    expect(asMember.status).toBe(403);
    expect(foreign.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(foreign.body.detail).toBe(unknown.body.detail);
    expect(anonymous.status).toBe(401);
    expect(await organisationItem(cabinet.organisation.id)).toMatchObject({ status: 'ACTIVE' });
    expect(await getItem(`ORG#${cabinet.organisation.id}`, `MEMBER#${member.user.id}`)).toBeDefined();
  });

  it('starts in one transaction: a failure leaves the organisation ACTIVE, with no job and nothing deleted', async () => {
    const cabinet = await registerCabinet();
    const failed = await api('DELETE', orgPath(cabinet.organisation.id), {
      token: cabinet.token,
      headers: { 'x-cabinet-fault': 'TransactWrite' },
    });
    expect(failed.status).toBe(500);
    expect(await organisationItem(cabinet.organisation.id)).toMatchObject({ status: 'ACTIVE' });
    expect(await getItem(`ORG#${cabinet.organisation.id}#DELETION`, 'JOB')).toBeUndefined();
    expect((await api('GET', '/api/patients', { token: cabinet.token })).status).toBe(200);
  });

  it('refuses every token at once, answers its requester 202 again, and finishes without a second call', async () => {
    const cabinet = await registerCabinet();
    const member = await addNewMember(cabinet, 'MEMBER');
    await populated(cabinet);
    const guards = await guardsOf(cabinet.organisation.id);
    const seeded = await seedPatients(cabinet.organisation.id, 1500);

    const started = await api('DELETE', orgPath(cabinet.organisation.id), { token: cabinet.token });

    expect(started.status).toBe(202);
    expect(await organisationItem(cabinet.organisation.id)).toMatchObject({
      status: 'DELETING',
      deletion: { requestedBy: cabinet.user.id },
    });
    // 403 while the membership is there (organisation being deleted), 401 once the worker removed it; the access
    // cache may serve a token for up to 5 s.
    const refused = [401, 403];
    const adminRead = await eventually(
      () => api('GET', '/api/patients', { token: cabinet.token }),
      (r) => refused.includes(r.status),
    );
    expect(refused).toContain(adminRead.status);
    expect(refused).toContain((await api('GET', '/api/patients', { token: member.token })).status);
    expect(refused).toContain(
      (await api('PATCH', orgPath(cabinet.organisation.id), { token: cabinet.token, body: { description: 'x' } })).status,
    );
    expect(refused).toContain((await api('DELETE', orgPath(cabinet.organisation.id), { token: member.token })).status);
    const again = await api('DELETE', orgPath(cabinet.organisation.id), { token: cabinet.token });
    expect(again.status).toBe(202);
    expect(again.body).toEqual({ status: 'DELETING' });

    expect(await organisationGone(cabinet.organisation.id)).toBe(true);
    expect(await partition(`ORG#${cabinet.organisation.id}`)).toEqual([]);
    expect(await getItem(`ORG#${cabinet.organisation.id}#DELETION`, 'JOB')).toBeUndefined();
    expect(await guardItems(guards)).toEqual([undefined, undefined, undefined]);
    expect(await cognitoEnabled(member.user.username)).toBe(true);
    const deleted = (await partition('PLATFORM')).find(
      (item) => item.action === 'organisation.deleted' && item.organisationId === cabinet.organisation.id,
    );
    expect(deleted?.details).toMatchObject({ nom: cabinet.input.organisationName, itemsPurged: expect.any(Number) });
    expect(deleted?.details.itemsPurged).toBeGreaterThanOrEqual(seeded);
    expect((await api('DELETE', orgPath(cabinet.organisation.id), { token: cabinet.token })).status).toBe(404);
  });
});
