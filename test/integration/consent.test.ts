// Consent before membership (issue 7, item 1) and invitations that belong to whoever controls the address (item 2):
// an admin who names an existing account only invites it; the person lists what is addressed to them, and accepts
// or declines it; a username someone else registered first blocks nobody.
import { describe, expect, it } from 'vitest';
import { api, PASSWORD, problemOf, registerCabinet, unique } from '#test/api';
import { getItem } from '#test/emulators';
import { INVITATION_SUBJECT, latestMail, registerVerifiedCabinet, tokenFromMail } from '#test/mail';
import { auditTrail, orgPath, setMaxUsers } from '#test/members';
import { createInput, newClientAddress, register } from '#test/registration';

type Cabinet = Awaited<ReturnType<typeof registerCabinet>>;

const inviteByUsername = (admin: Cabinet, username: string, role = 'MEMBER') =>
  api('POST', orgPath(admin, '/members'), { token: admin.token, body: { username, role } });
const inbox = (session: { token: string }) => api('GET', '/api/auth/invitations', { token: session.token });
const answer = (session: { token: string }, id: string, verb: 'accept' | 'decline') =>
  api('POST', `/api/auth/invitations/${id}/${verb}`, { token: session.token });
const organisationIds = async (session: { token: string }) =>
  ((await api('GET', '/api/organisations', { token: session.token })).body.items as { organisation: { id: string } }[]).map(
    (item) => item.organisation.id,
  );

describe('adding an existing account by username', () => {
  it('creates a pending invitation addressed to the account, and no membership: the organisation appears nowhere for it', async () => {
    const [clinic, person] = await Promise.all([registerCabinet(), registerCabinet()]);

    const invited = await inviteByUsername(clinic, person.user.username, 'ADMIN');

    expect(invited.status).toBe(202);
    expect(Object.keys(invited.body)).toEqual(['invitation']);
    expect(Object.keys(invited.body.invitation).sort()).toEqual(['createdAt', 'expiresAt', 'id', 'role', 'status', 'username']);
    expect(await getItem(`ORG#${clinic.organisation.id}`, `MEMBER#${person.user.id}`)).toBeUndefined();
    expect(await organisationIds(person)).toEqual([person.organisation.id]);
    expect((await api('GET', orgPath(clinic), { token: person.token })).status).toBe(404);
    const listed = await inbox(person);
    expect(listed.body.items).toEqual([
      expect.objectContaining({
        id: invited.body.invitation.id,
        organisation: { id: clinic.organisation.id, nom: clinic.organisation.nom },
        role: 'ADMIN',
        addressedTo: 'account',
      }),
    ]);
  });

  it('tells the account at its own address (no secret in the message), and only the account', async () => {
    const clinic = await registerCabinet();
    const person = await registerVerifiedCabinet();

    await inviteByUsername(clinic, person.user.username);

    const mail = await latestMail(person.email, /vous invite sur Cabinet|invites you on Cabinet/);
    expect(mail.text).toContain(clinic.organisation.nom);
    expect(mail.token).toBeUndefined();
    expect(mail.link).toMatch(/\/invitations$/);
  });

  it('makes the person a member once they accept, audited, and only once', async () => {
    const [clinic, person] = await Promise.all([registerCabinet(), registerCabinet()]);
    const invited = await inviteByUsername(clinic, person.user.username, 'VIEWER');

    const accepted = await answer(person, invited.body.invitation.id, 'accept');
    const again = await answer(person, invited.body.invitation.id, 'accept');

    expect(accepted.status).toBe(200);
    expect(accepted.body).toEqual({
      organisation: { id: clinic.organisation.id, nom: clinic.organisation.nom },
      membership: { role: 'VIEWER', status: 'ACTIVE' },
    });
    expect(await getItem(`ORG#${clinic.organisation.id}`, `MEMBER#${person.user.id}`)).toMatchObject({ role: 'VIEWER', status: 'ACTIVE' });
    expect(await organisationIds(person)).toContain(clinic.organisation.id);
    expect(problemOf(again)).toBe('invitation-used');
    const actions = (await auditTrail(clinic.organisation.id)).map((entry) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['invitation.created', 'invitation.accepted']));
    expect((await inbox(person)).body.items).toEqual([]);
  });

  it('lets the person decline: no membership, the organisation sees it declined, and it can no longer be accepted', async () => {
    const [clinic, person] = await Promise.all([registerCabinet(), registerCabinet()]);
    const invited = await inviteByUsername(clinic, person.user.username);

    const declined = await answer(person, invited.body.invitation.id, 'decline');
    const lateAccept = await answer(person, invited.body.invitation.id, 'accept');

    expect(declined.status).toBe(204);
    expect(problemOf(lateAccept)).toBe('invitation-declined');
    expect(await getItem(`ORG#${clinic.organisation.id}`, `MEMBER#${person.user.id}`)).toBeUndefined();
    const listed = await api('GET', orgPath(clinic, '/invitations?status=DECLINED'), { token: clinic.token });
    expect(listed.body.items).toEqual([expect.objectContaining({ id: invited.body.invitation.id, status: 'DECLINED' })]);
  });

  it("never lets another account answer someone else's invitation (404, as for an unknown id)", async () => {
    const [clinic, person, intruder] = await Promise.all([registerCabinet(), registerCabinet(), registerCabinet()]);
    const invited = await inviteByUsername(clinic, person.user.username, 'ADMIN');

    const stolen = await answer(intruder, invited.body.invitation.id, 'accept');
    const unknown = await answer(intruder, '00000000-0000-4000-8000-000000000000', 'accept');
    const declined = await answer(intruder, invited.body.invitation.id, 'decline');

    expect(stolen.status).toBe(404);
    expect(stolen.body.detail).toBe(unknown.body.detail);
    expect(declined.status).toBe(404);
    expect(await getItem(`ORG#${clinic.organisation.id}`, `MEMBER#${intruder.user.id}`)).toBeUndefined();
    expect((await answer(person, invited.body.invitation.id, 'accept')).status).toBe(200);
  });

  it('invites a username no account has exactly as an existing one, and that invitation can never be accepted', async () => {
    const clinic = await registerCabinet();
    const ghostName = unique('ghost');

    const ghost = await inviteByUsername(clinic, ghostName);
    // Someone registering that username afterwards is not who the admin meant: nothing waits for them.
    const latecomer = await registerCabinet({ username: ghostName });

    expect(ghost.status).toBe(202);
    expect((await inbox(latecomer)).body.items).toEqual([]);
    expect((await answer(latecomer, ghost.body.invitation.id, 'accept')).status).toBe(404);
  });

  it('refuses to take a seat the organisation no longer has (409), leaving the invitation pending', async () => {
    const [clinic, person] = await Promise.all([registerCabinet(), registerCabinet()]);
    const invited = await inviteByUsername(clinic, person.user.username);
    await setMaxUsers(clinic.organisation.id, 1);

    const refused = await answer(person, invited.body.invitation.id, 'accept');

    expect(refused.status).toBe(409);
    expect(problemOf(refused)).toBe('organisation-full');
    expect((await inbox(person)).body.items).toHaveLength(1);
  });
});

describe('invitations to an address, in the inbox of the account that proved it', () => {
  it('lists and accepts an e-mailed invitation by id once the address is proven, not before', async () => {
    const clinic = await registerCabinet();
    const person = await registerVerifiedCabinet();
    const unprovenAddress = `${unique('unproven')}@example.org`;
    const unproven = await registerCabinet({ username: unprovenAddress, email: unprovenAddress });
    await api('POST', orgPath(clinic, '/invitations'), { token: clinic.token, body: { email: person.email, role: 'MEMBER' } });
    await api('POST', orgPath(clinic, '/invitations'), { token: clinic.token, body: { email: unprovenAddress, role: 'MEMBER' } });

    const listed = await inbox(person);
    const notListed = await inbox(unproven);

    expect(listed.body.items).toEqual([expect.objectContaining({ addressedTo: 'email', role: 'MEMBER' })]);
    expect(notListed.body.items).toEqual([]);
    expect((await answer(person, listed.body.items[0].id, 'accept')).status).toBe(200);
  });
});

describe('a username registered first by someone else (issue 7, item 2) blocks nobody', () => {
  it('lets the invitee choose a username, proves the address for them, and leaves the squatter unable to prove it', async () => {
    const clinic = await registerCabinet();
    const invitedAddress = `${unique('sophie')}@example.org`;
    // The squatter registers the address as their username (and their unproven address) before the invitee acts.
    const squatter = await register(createInput({ email: invitedAddress, organisationName: unique('Squat') }), newClientAddress());
    expect(squatter.status).toBe(201);
    await api('POST', orgPath(clinic, '/invitations'), { token: clinic.token, body: { email: invitedAddress, role: 'MEMBER' } });
    const token = await tokenFromMail(invitedAddress, INVITATION_SUBJECT);
    const account = { password: PASSWORD, confirmPassword: PASSWORD, nom: 'Bernard', prenom: 'Sophie' };

    const blocked = await api('POST', '/api/auth/accept-invitation', { body: { token, ...account } });
    const chosen = await api('POST', '/api/auth/accept-invitation', { body: { token, ...account, username: unique('sophie') } });

    expect(blocked.status).toBe(409);
    expect(problemOf(blocked)).toBe('username-taken');
    expect(blocked.body.errors).toEqual([{ path: 'username', message: 'Username is already taken: choose another one' }]);
    expect(chosen.status).toBe(201);
    expect(chosen.body.organisation.id).toBe(clinic.organisation.id);
    expect(await getItem(`EMAIL#${invitedAddress}`, 'GUARD')).toMatchObject({ userId: chosen.body.user.id });
    // The squatter's own verification link for that address now answers 409: the address has its owner.
    const proof = await api('POST', '/api/auth/verify-email', {
      body: { token: await tokenFromMail(invitedAddress, /Confirmez votre adresse|Confirm your email address/) },
    });
    expect(problemOf(proof)).toBe('email-taken');
  });

  it('still sends an invitee whose address an account already proved to sign in with it', async () => {
    const clinic = await registerCabinet();
    const owner = await registerVerifiedCabinet();
    await api('POST', orgPath(clinic, '/invitations'), { token: clinic.token, body: { email: owner.email, role: 'MEMBER' } });
    const token = await tokenFromMail(owner.email, INVITATION_SUBJECT);

    const anonymous = await api('POST', '/api/auth/accept-invitation', {
      body: { token, password: PASSWORD, confirmPassword: PASSWORD, nom: 'X', prenom: 'Y', username: unique('other') },
    });

    expect(problemOf(anonymous)).toBe('invitation-account-exists');
  });
});
