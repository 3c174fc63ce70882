// Invitations over HTTP: one-time tokens e-mailed to the invited address (read back from the local SES emulator),
// never returned, stored hashed; listing and revocation; acceptance by a new person (account created, address
// proven, signed in) or a signed-in user whose VERIFIED address is the invited one; unusable tokens get 410.
import { createHash } from 'node:crypto';
import { AdminGetUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { api, claimsOf, PASSWORD, problemOf, registerCabinet, stack, unique } from '#test/api';
import { cognito, cognitoUserExists, dynamo, getItem, partition } from '#test/emulators';
import { latestMail, mailTo, registerVerifiedCabinet, verifyAccountAddress } from '#test/mail';
import { addPerson, auditTrail, type Cabinet, createRole, login, orgPath, setMaxUsers } from '#test/members';

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');
const inviteeEmail = () => `${unique('invitee')}@example.org`;

/** Invites an address and reads the one-time token from the invitation e-mail delivered there (the API answers none). */
async function invite(cabinet: Cabinet, body: Record<string, unknown> = {}) {
  const response = await api('POST', orgPath(cabinet, '/invitations'), {
    token: cabinet.token,
    body: { email: inviteeEmail(), role: 'MEMBER', ...body },
  });
  if (response.status !== 201) throw new Error(`invite failed: ${response.status} ${response.text}`);
  const { invitation } = response.body as {
    invitation: { id: string; email: string; role: string; status: string; expiresAt: string; createdAt: string };
  };
  const mail = await latestMail(invitation.email, new RegExp(`${cabinet.organisation.nom}`));
  if (!mail.token) throw new Error('The invitation e-mail carries no token');
  return { invitation, token: mail.token };
}

const newPerson = { password: PASSWORD, confirmPassword: PASSWORD, nom: 'Nouveau', prenom: 'Venu' };

/** A cabinet whose admin signs in with an email address they proved (so invitations can be addressed to that account). */
const cabinetWithEmail = () => registerVerifiedCabinet();

/** An account an admin creates in the cabinet with `email` (unverified), signed in. */
async function memberWithAddress(cabinet: Cabinet, role: string, email: string) {
  const username = unique('agent');
  const body = { username, email, password: PASSWORD, confirmPassword: PASSWORD, nom: 'Agent', prenom: 'Test', role };
  const response = await api('POST', orgPath(cabinet, '/members'), { token: cabinet.token, body });
  if (response.status !== 201) throw new Error(`add member failed: ${response.status} ${response.text}`);
  return { userId: response.body.member.userId as string, username, token: await login(username) };
}

const cognitoEmailVerified = async (username: string) =>
  (await cognito().send(new AdminGetUserCommand({ UserPoolId: stack().userPoolId, Username: username }))).UserAttributes?.find(
    (attribute) => attribute.Name === 'email_verified',
  )?.Value;
const accept = (body: Record<string, unknown>, token?: string) =>
  api('POST', '/api/auth/accept-invitation', { body, ...(token ? { token } : {}) });

async function expire(organisationId: string, invitationId: string) {
  await dynamo().send(
    new UpdateCommand({
      TableName: stack().tableName,
      Key: { pk: `ORG#${organisationId}`, sk: `INVITATION#${invitationId}` },
      UpdateExpression: 'SET expiresAt = :past',
      ExpressionAttributeValues: { ':past': new Date(Date.now() - 60_000).toISOString() },
    }),
  );
}

describe('POST /api/organisations/{id}/invitations', () => {
  it('e-mails the one-time link to the invited address, never returns the token, and stores only its hash', async () => {
    const cabinet = await registerCabinet();
    const email = inviteeEmail();

    const response = await api('POST', orgPath(cabinet, '/invitations'), {
      token: cabinet.token,
      body: { email: email.toUpperCase(), role: 'VIEWER' },
    });

    expect(response.status).toBe(201);
    const { invitation } = response.body;
    expect(response.body).toEqual({
      invitation: {
        id: expect.any(String),
        email,
        role: 'VIEWER',
        status: 'PENDING',
        expiresAt: expect.any(String),
        createdAt: expect.any(String),
      },
    });
    const mails = await mailTo(email);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    const token = mail?.token ?? '';
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(mail?.subject).toBe(`Invitation à rejoindre ${cabinet.organisation.nom} sur Cabinet`);
    expect(mail?.link).toBe(`${stack().baseUrl}/accept-invitation?token=${token}`);
    expect(mail?.text).toContain('VIEWER');
    expect(mail?.html).toContain(`href="${stack().baseUrl}/accept-invitation?token=${token}"`);
    expect(response.text).not.toContain(token);
    expect(Date.parse(invitation.expiresAt) - Date.parse(invitation.createdAt)).toBe(72 * 3_600_000);
    expect(await getItem(`INVITE#${sha256(token)}`, 'GUARD')).toMatchObject({
      organisationId: cabinet.organisation.id,
      invitationId: invitation.id,
    });
    const stored = await getItem(`ORG#${cabinet.organisation.id}`, `INVITATION#${invitation.id}`);
    expect(stored).toMatchObject({ email, role: 'VIEWER', status: 'PENDING', createdBy: cabinet.user.id });
    const everything = JSON.stringify([
      ...(await partition(`ORG#${cabinet.organisation.id}`)),
      await getItem(`INVITE#${sha256(token)}`, 'GUARD'),
    ]);
    expect(everything).not.toContain(token);
    expect(await auditTrail(cabinet.organisation.id)).toContainEqual(
      expect.objectContaining({ action: 'invitation.created', actorId: cabinet.user.id, target: invitation.id }),
    );
  });

  it('accepts an expiry of up to 30 days and refuses more', async () => {
    const cabinet = await registerCabinet();
    const month = await invite(cabinet, { expiresInHours: 720 });
    expect(Date.parse(month.invitation.expiresAt) - Date.parse(month.invitation.createdAt)).toBe(720 * 3_600_000);
    const tooLong = await api('POST', orgPath(cabinet, '/invitations'), {
      token: cabinet.token,
      body: { email: 'not-an-email', role: 'MEMBER', expiresInHours: 721 },
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errors).toEqual([
      { path: 'email', message: 'Email must be a valid email address' },
      { path: 'expiresInHours', message: 'expiresInHours must be at most 720 (30 days)' },
    ]);
  });

  it("refuses (403) to invite with a role above the caller's own", async () => {
    const cabinet = await registerCabinet();
    await createRole(cabinet, 'recruiter', ['invitations:manage', 'members:read', 'patients:read']);
    const recruiter = await addPerson(cabinet, 'recruiter');
    const as = (role: string) =>
      api('POST', orgPath(cabinet, '/invitations'), { token: recruiter.token, body: { email: inviteeEmail(), role } });
    expect((await as('ADMIN')).status).toBe(403);
    expect((await as('MEMBER')).status).toBe(403);
    expect((await as('VIEWER')).status).toBe(201);
  });
});

describe('GET /api/organisations/{id}/invitations', () => {
  it('lists invitations with their status, never their token or its hash, and filters by status', async () => {
    const cabinet = await registerCabinet();
    const pending = await invite(cabinet);
    const revoked = await invite(cabinet);
    const expired = await invite(cabinet);
    await api('DELETE', orgPath(cabinet, `/invitations/${revoked.invitation.id}`), { token: cabinet.token });
    await expire(cabinet.organisation.id, expired.invitation.id);

    const all = await api('GET', orgPath(cabinet, '/invitations'), { token: cabinet.token });
    const onlyPending = await api('GET', orgPath(cabinet, '/invitations?status=PENDING'), { token: cabinet.token });
    const onlyExpired = await api('GET', orgPath(cabinet, '/invitations?status=EXPIRED'), { token: cabinet.token });

    expect(all.status).toBe(200);
    const statusById = Object.fromEntries(all.body.items.map((i: { id: string; status: string }) => [i.id, i.status]));
    expect(statusById).toEqual({
      [pending.invitation.id]: 'PENDING',
      [revoked.invitation.id]: 'REVOKED',
      [expired.invitation.id]: 'EXPIRED',
    });
    expect(onlyPending.body.items.map((i: { id: string }) => i.id)).toEqual([pending.invitation.id]);
    expect(onlyExpired.body.items.map((i: { id: string }) => i.id)).toEqual([expired.invitation.id]);
    for (const { token } of [pending, revoked, expired]) {
      expect(all.text).not.toContain(token);
      expect(all.text).not.toContain(sha256(token));
    }
    expect(Object.keys(all.body.items[0]).sort()).toEqual(['createdAt', 'email', 'expiresAt', 'id', 'role', 'status']);
  });

  it('pages with a cursor and is refused to a MEMBER', async () => {
    const cabinet = await registerCabinet();
    await Promise.all([invite(cabinet), invite(cabinet), invite(cabinet)]);
    const first = await api('GET', orgPath(cabinet, '/invitations?limit=2'), { token: cabinet.token });
    const rest = await api('GET', orgPath(cabinet, `/invitations?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`), {
      token: cabinet.token,
    });
    expect(first.body.items).toHaveLength(2);
    expect(rest.body.items).toHaveLength(1);
    const member = await addPerson(cabinet, 'MEMBER');
    expect((await api('GET', orgPath(cabinet, '/invitations'), { token: member.token })).status).toBe(403);
  });
});

describe('DELETE /api/organisations/{id}/invitations/{invitationId}', () => {
  it('revokes a pending invitation (audited); revoking again answers 409, an unknown one 404', async () => {
    const cabinet = await registerCabinet();
    const { invitation } = await invite(cabinet);
    const path = orgPath(cabinet, `/invitations/${invitation.id}`);

    expect((await api('DELETE', path, { token: cabinet.token })).status).toBe(204);
    expect(await getItem(`ORG#${cabinet.organisation.id}`, `INVITATION#${invitation.id}`)).toMatchObject({
      status: 'REVOKED',
      revokedBy: cabinet.user.id,
    });
    expect((await api('DELETE', path, { token: cabinet.token })).status).toBe(409);
    expect((await api('DELETE', orgPath(cabinet, '/invitations/no-such-invitation'), { token: cabinet.token })).status).toBe(404);
    expect((await auditTrail(cabinet.organisation.id)).map((entry) => entry.action)).toContain('invitation.revoked');
  });

  it("answers 404 for another organisation's invitation", async () => {
    const [a, b] = await Promise.all([registerCabinet(), registerCabinet()]);
    const { invitation } = await invite(a);
    expect((await api('DELETE', orgPath(b, `/invitations/${invitation.id}`), { token: b.token })).status).toBe(404);
    expect(await getItem(`ORG#${a.organisation.id}`, `INVITATION#${invitation.id}`)).toMatchObject({ status: 'PENDING' });
  });
});

describe('POST /api/auth/accept-invitation', () => {
  it("creates the invitee's account (username = the email) with the invited role and signs them in", async () => {
    const cabinet = await registerCabinet();
    const { invitation, token } = await invite(cabinet, { role: 'VIEWER' });

    const response = await accept({ token, ...newPerson });

    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      token: expect.any(String),
      refreshToken: expect.any(String),
      expiresIn: expect.any(Number),
      user: {
        id: expect.any(String),
        username: invitation.email,
        role: 'VIEWER',
        organisationId: cabinet.organisation.id,
        nom: 'Nouveau',
        prenom: 'Venu',
      },
      organisation: { id: cabinet.organisation.id, nom: cabinet.organisation.nom },
    });
    expect(claimsOf(response.body.token)).toMatchObject({ organisationId: cabinet.organisation.id, role: 'VIEWER' });
    expect((await api('GET', '/api/patients', { token: response.body.token })).status).toBe(200);
    expect(await getItem(`ORG#${cabinet.organisation.id}`, `INVITATION#${invitation.id}`)).toMatchObject({
      status: 'ACCEPTED',
      acceptedBy: response.body.user.id,
    });
    expect(await getItem(`ORG#${cabinet.organisation.id}`, 'COUNTERS')).toMatchObject({ memberCount: 2 });
    expect(await auditTrail(cabinet.organisation.id)).toContainEqual(
      expect.objectContaining({ action: 'invitation.accepted', actorId: response.body.user.id, target: invitation.id }),
    );
  });

  it('answers 410 for a used, a revoked and an expired token, and 404 for an unknown one', async () => {
    const cabinet = await registerCabinet();
    const used = await invite(cabinet);
    const revoked = await invite(cabinet);
    const expired = await invite(cabinet);
    expect((await accept({ token: used.token, ...newPerson })).status).toBe(201);
    await api('DELETE', orgPath(cabinet, `/invitations/${revoked.invitation.id}`), { token: cabinet.token });
    await expire(cabinet.organisation.id, expired.invitation.id);

    const reuse = await accept({ token: used.token, ...newPerson });
    const afterRevoke = await accept({ token: revoked.token, ...newPerson });
    const afterExpiry = await accept({ token: expired.token, ...newPerson });
    const unknown = await accept({ token: 'A'.repeat(43), ...newPerson });

    expect([reuse.status, afterRevoke.status, afterExpiry.status]).toEqual([410, 410, 410]);
    expect(problemOf(reuse)).toBe('invitation-used');
    expect(problemOf(afterRevoke)).toBe('invitation-revoked');
    expect(problemOf(afterExpiry)).toBe('invitation-expired');
    expect(unknown.status).toBe(404);
    expect(problemOf(unknown)).toBe('invitation-not-found');
    expect(await getItem(`ORG#${cabinet.organisation.id}`, 'COUNTERS')).toMatchObject({ memberCount: 2 });
  });

  it('lists every missing account field for an anonymous caller, and checks the password policy', async () => {
    const cabinet = await registerCabinet();
    const { token } = await invite(cabinet);
    const missing = await accept({ token });
    const weak = await accept({ token, password: 'weak', nom: 'A', prenom: 'B' });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([
      { path: 'password', message: 'password is required to create your account' },
      { path: 'nom', message: 'nom is required to create your account' },
      { path: 'prenom', message: 'prenom is required to create your account' },
    ]);
    expect(weak.status).toBe(400);
    expect(weak.body.errors).toContainEqual({ path: 'password', message: 'Password must be at least 12 characters' });
  });

  it('answers 409 to an anonymous caller when an account already exists for the email', async () => {
    const cabinet = await registerCabinet();
    const first = await invite(cabinet);
    expect((await accept({ token: first.token, ...newPerson })).status).toBe(201);
    const other = await registerCabinet();
    const second = await invite(other, { email: first.invitation.email });

    const response = await accept({ token: second.token, ...newPerson });

    expect(response.status).toBe(409);
    expect(await getItem(`ORG#${other.organisation.id}`, `INVITATION#${second.invitation.id}`)).toMatchObject({ status: 'PENDING' });
  });

  it('adds the membership to a signed-in caller, who keeps their own organisation', async () => {
    const [cabinet, other] = await Promise.all([registerCabinet(), cabinetWithEmail()]);
    const { invitation, token } = await invite(cabinet, { role: 'VIEWER', email: other.email });

    const response = await accept({ token }, other.token);

    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      organisation: { id: cabinet.organisation.id, nom: cabinet.organisation.nom },
      membership: { role: 'VIEWER', status: 'ACTIVE' },
    });
    expect(await getItem(`ORG#${cabinet.organisation.id}`, `MEMBER#${other.user.id}`)).toMatchObject({
      role: 'VIEWER',
      status: 'ACTIVE',
      username: other.user.username,
    });
    expect(await getItem(`ORG#${cabinet.organisation.id}`, `INVITATION#${invitation.id}`)).toMatchObject({
      status: 'ACCEPTED',
      acceptedBy: other.user.id,
    });
    expect(await getItem(`USER#${other.user.id}`, 'PROFILE')).toMatchObject({ currentOrganisationId: other.organisation.id });
  });

  it('refuses a signed-in caller the invitation was not sent to (403), leaving it usable', async () => {
    const [cabinet, stranger] = await Promise.all([registerCabinet(), cabinetWithEmail()]);
    const { invitation, token } = await invite(cabinet);

    const response = await accept({ token }, stranger.token);

    expect(response.status).toBe(403);
    expect(problemOf(response)).toBe('invitation-for-another-address');
    expect(await getItem(`ORG#${cabinet.organisation.id}`, `MEMBER#${stranger.user.id}`)).toBeUndefined();
    expect(await getItem(`ORG#${cabinet.organisation.id}`, `INVITATION#${invitation.id}`)).toMatchObject({ status: 'PENDING' });
  });

  it('refuses password fields from a signed-in caller (400) and an existing member (409)', async () => {
    const cabinet = await registerCabinet();
    const email = inviteeEmail();
    const member = await memberWithAddress(cabinet, 'VIEWER', email);
    await verifyAccountAddress(member, email);
    const { invitation, token } = await invite(cabinet, { email });

    const withPassword = await accept({ token, password: PASSWORD }, member.token);
    const alreadyMember = await accept({ token }, member.token);

    expect(withPassword.status).toBe(400);
    expect(withPassword.body.errors).toEqual([
      { path: 'password', message: 'password is not accepted when signed in: the membership is added to your account' },
    ]);
    expect(alreadyMember.status).toBe(409);
    expect(await getItem(`ORG#${cabinet.organisation.id}`, `INVITATION#${invitation.id}`)).toMatchObject({ status: 'PENDING' });
  });

  it('answers 401 for an invalid bearer token rather than treating the caller as anonymous', async () => {
    const cabinet = await registerCabinet();
    const { token } = await invite(cabinet);
    expect((await accept({ token }, 'not.a.token')).status).toBe(401);
  });

  it('answers 409 when the organisation is full, leaving the invitation usable and no account behind', async () => {
    const cabinet = await registerCabinet();
    const { invitation, token } = await invite(cabinet);
    await setMaxUsers(cabinet.organisation.id, 1);

    const response = await accept({ token, ...newPerson });

    expect(response.status).toBe(409);
    expect(problemOf(response)).toBe('organisation-full');
    expect(await getItem(`USERNAME#${invitation.email}`, 'GUARD')).toBeUndefined();
    expect(await cognitoUserExists(invitation.email)).toBe(false);
    expect(await getItem(`ORG#${cabinet.organisation.id}`, `INVITATION#${invitation.id}`)).toMatchObject({ status: 'PENDING' });
  });

  it('lets exactly one of several concurrent acceptances of one token succeed', async () => {
    const [cabinet, invitee] = await Promise.all([registerCabinet(), cabinetWithEmail()]);
    const { token } = await invite(cabinet, { email: invitee.email });

    const responses = await Promise.all([1, 2, 3].map(() => accept({ token }, invitee.token)));

    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    // The losers are refused by the invitation (410, used) or the membership (409, already a member) condition.
    expect(statuses.filter((status) => status !== 200).every((status) => status === 409 || status === 410)).toBe(true);
    expect(await getItem(`ORG#${cabinet.organisation.id}`, 'COUNTERS')).toMatchObject({ memberCount: 2 });
  });
});

describe('POST /api/auth/accept-invitation: the invitation belongs to whoever proves the address (issue 7 item 2)', () => {
  it("refuses another tenant's admin who gave an account the invited address and holds a leaked token (403), leaving it usable", async () => {
    const [inviting, attacker] = await Promise.all([registerCabinet(), registerCabinet()]);
    const victim = inviteeEmail();
    const { invitation, token } = await invite(inviting, { email: victim, role: 'ADMIN' });
    // The attacker's admin creates an account in their own organisation whose email is the invited address.
    const planted = await memberWithAddress(attacker, 'VIEWER', victim);

    const response = await accept({ token }, planted.token);

    expect(response.status).toBe(403);
    expect(response.body.detail).toMatch(/^Verify your email address first/);
    expect(await getItem(`ORG#${inviting.organisation.id}`, `MEMBER#${planted.userId}`)).toBeUndefined();
    expect(await getItem(`ORG#${inviting.organisation.id}`, `INVITATION#${invitation.id}`)).toMatchObject({ status: 'PENDING' });
    // An address someone else set is never a verified one: not in the profile, not in Cognito.
    const me = await api('GET', '/api/auth/me', { token: planted.token });
    expect(me.body.user).toMatchObject({ email: victim, emailVerified: false });
    expect(await cognitoEmailVerified(planted.username)).toBe('false');
    // The real invitee, who reads that mailbox, still accepts.
    expect((await accept({ token, ...newPerson })).status).toBe(201);
  });

  it('refuses a username that merely looks like the invited address (403)', async () => {
    const cabinet = await registerCabinet();
    const email = inviteeEmail();
    // Registered with the invited address as username but never proved (no address at all).
    const lookalike = await registerCabinet({ username: email });
    const { invitation, token } = await invite(cabinet, { email });

    const response = await accept({ token }, lookalike.token);

    expect(response.status).toBe(403);
    expect(problemOf(response)).toBe('invitation-for-another-address');
    expect(await getItem(`ORG#${cabinet.organisation.id}`, `INVITATION#${invitation.id}`)).toMatchObject({ status: 'PENDING' });
  });

  it('proves the invited address of an account created by acceptance (profile, guard and Cognito)', async () => {
    const cabinet = await registerCabinet();
    const { invitation, token } = await invite(cabinet);

    const response = await accept({ token, ...newPerson });

    expect(response.status).toBe(201);
    const me = await api('GET', '/api/auth/me', { token: response.body.token });
    expect(me.body.user).toMatchObject({ username: invitation.email, email: invitation.email, emailVerified: true });
    expect(await getItem(`EMAIL#${invitation.email}`, 'GUARD')).toMatchObject({ userId: response.body.user.id });
    expect(await cognitoEmailVerified(invitation.email)).toBe('true');
  });

  it('answers 409 to an anonymous acceptance of an address another account proved; that account, signed in, accepts', async () => {
    // The owner signs in with another username: only the EMAIL# guard says the address is theirs.
    const owner = await registerVerifiedCabinet({ username: unique('owner') });
    const cabinet = await registerCabinet();
    const { invitation, token } = await invite(cabinet, { email: owner.email });

    const anonymous = await accept({ token, ...newPerson });
    const signedIn = await accept({ token }, owner.token);

    expect(anonymous.status).toBe(409);
    expect(problemOf(anonymous)).toBe('invitation-account-exists');
    expect(await cognitoUserExists(owner.email)).toBe(false);
    expect(signedIn.status).toBe(200);
    expect(await getItem(`ORG#${cabinet.organisation.id}`, `INVITATION#${invitation.id}`)).toMatchObject({
      status: 'ACCEPTED',
      acceptedBy: owner.user.id,
    });
  });
});
