// Issue 7 item 1: the token never lands a person in an organisation they did not choose. When the chosen (current)
// organisation's membership is not ACTIVE, the token carries no organisation: user routes work, member routes answer
// 403 no-organisation-selected. No other membership is ever substituted.
import { describe, expect, it } from 'vitest';
import { api, claimsOf, PASSWORD, problemOf, registerCabinet } from '#test/api';
import { getItem } from '#test/emulators';
import { eventually } from '#test/members';
import { addNewMember, createOrganisation, signIn, switchTo } from '#test/organisations';
import { joinWithCode, login } from '#test/registration';

const orgPath = (id: string, rest = '') => `/api/organisations/${id}${rest}`;

describe('the token when the chosen organisation is not ACTIVE for the person', () => {
  it('carries no organisation once the current membership is suspended, even with another ACTIVE membership', async () => {
    const [home, other] = await Promise.all([registerCabinet(), registerCabinet()]);
    const member = await addNewMember(home, 'MEMBER');
    // The member also belongs to another organisation, where they are ACTIVE: the old trigger fell back to it.
    const code = (await api('GET', orgPath(other.organisation.id, '/join-code'), { token: other.token })).body.code;
    expect((await api('POST', '/api/auth/join-organisation', { token: member.token, body: { organisationCode: code } })).status).toBe(201);
    const suspend = await api('PATCH', orgPath(home.organisation.id, `/members/${member.user.id}`), {
      token: home.token,
      body: { status: 'SUSPENDED' },
    });
    expect(suspend.status).toBe(200);

    const session = await login(member.user.username);

    expect(session.status).toBe(200);
    expect(session.body).toMatchObject({ organisation: null, user: { id: member.user.id, role: null, organisationId: null } });
    const claims = claimsOf(session.body.token);
    expect(claims).not.toHaveProperty('organisationId');
    expect(claims).not.toHaveProperty('role');
    // Not written anywhere either: the profile still names the organisation the person chose.
    expect(await getItem(`USER#${member.user.id}`, 'PROFILE')).toMatchObject({ currentOrganisationId: home.organisation.id });

    // Member routes: 403, naming the reason.
    const patients = await api('GET', '/api/patients', { token: session.body.token });
    expect(patients.status).toBe(403);
    expect(problemOf(patients)).toBe('no-organisation-selected');
    // User routes work: the memberships, and switching to the other organisation is the person's choice.
    const mine = await api('GET', '/api/organisations', { token: session.body.token });
    expect(mine.status).toBe(200);
    expect(
      mine.body.items.map((item: { organisation: { id: string }; status: string }) => [item.organisation.id, item.status]).sort(),
    ).toEqual(
      [
        [home.organisation.id, 'SUSPENDED'],
        [other.organisation.id, 'ACTIVE'],
      ].sort(),
    );
    const me = await api('GET', '/api/auth/me', { token: session.body.token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ user: { id: member.user.id, organisationId: null, role: null }, organisation: null });
    const switched = await switchTo(session.body, other.organisation.id);
    expect(claimsOf(switched.token)).toMatchObject({ organisationId: other.organisation.id, role: 'MEMBER' });
    expect((await api('GET', '/api/patients', { token: switched.token })).status).toBe(200);
  });

  it('answers a refreshed token without organisation once the membership is removed', async () => {
    const cabinet = await registerCabinet();
    const member = await addNewMember(cabinet, 'MEMBER');
    expect((await api('DELETE', orgPath(cabinet.organisation.id, `/members/${member.user.id}`), { token: cabinet.token })).status).toBe(
      204,
    );

    const refreshed = await api('POST', '/api/auth/refresh', {
      body: { refreshToken: member.refreshToken, username: member.user.username },
    });

    expect(refreshed.status).toBe(200);
    expect(claimsOf(refreshed.body.token)).not.toHaveProperty('organisationId');
    expect(problemOf(await api('GET', '/api/patients', { token: refreshed.body.token }))).toBe('no-organisation-selected');
  });

  it('signs a person whose only membership is pending in, with organisation null and the pending state', async () => {
    const cabinet = await registerCabinet();
    await api('PATCH', orgPath(cabinet.organisation.id, '/join-code'), { token: cabinet.token, body: { requiresApproval: true } });
    const { input, response } = await joinWithCode(cabinet.organisation.code);
    expect(response.status).toBe(202);

    const session = await login(input.email);

    expect(session.status).toBe(200);
    expect(session.body).toEqual({
      token: expect.any(String),
      refreshToken: expect.any(String),
      expiresIn: expect.any(Number),
      user: { id: response.body.user.id, username: input.email, role: null, organisationId: null, nom: 'Doe', prenom: 'John' },
      organisation: null,
      pendingMemberships: [
        { organisation: { id: cabinet.organisation.id, nom: cabinet.organisation.nom }, role: 'MEMBER', status: 'PENDING' },
      ],
    });
    // Until an admin approves, the pending organisation is out of reach; switching to it is refused as well.
    const switching = await api('POST', '/api/auth/switch-organisation', {
      token: session.body.token,
      body: { organisationId: cabinet.organisation.id, refreshToken: session.body.refreshToken },
    });
    expect(switching.status).toBe(403);
    expect(problemOf(switching)).toBe('not-an-active-member');

    const approve = await api('POST', orgPath(cabinet.organisation.id, `/join-requests/${response.body.user.id}/approve`), {
      token: cabinet.token,
      body: {},
    });
    expect(approve.status).toBe(200);
    // The person chose that organisation (they typed its code): once approved, their next sign-in lands there.
    const approved = await login(input.email);
    expect(approved.body).toMatchObject({ organisation: { id: cabinet.organisation.id }, user: { role: 'MEMBER' } });
  });

  it('keeps a member route token refused with 401 when its own membership stops (the token names an organisation)', async () => {
    const cabinet = await registerCabinet();
    const member = await addNewMember(cabinet, 'VIEWER');
    await api('PATCH', orgPath(cabinet.organisation.id, `/members/${member.user.id}`), {
      token: cabinet.token,
      body: { status: 'SUSPENDED' },
    });

    const refused = await eventually(
      () => api('GET', '/api/patients', { token: member.token }),
      (response) => response.status === 401,
    );

    expect(problemOf(refused)).toBe('membership-inactive');
  });

  it('does not write a current organisation the person did not choose when they create or join another', async () => {
    const [cabinet, other] = await Promise.all([registerCabinet(), registerCabinet()]);
    const created = await createOrganisation(cabinet.token);
    const code = (await api('GET', orgPath(other.organisation.id, '/join-code'), { token: other.token })).body.code;
    await api('POST', '/api/auth/join-organisation', { token: cabinet.token, body: { organisationCode: code } });

    expect(await getItem(`USER#${cabinet.user.id}`, 'PROFILE')).toMatchObject({ currentOrganisationId: cabinet.organisation.id });
    expect((await signIn(cabinet.input.username, PASSWORD)).organisation.id).toBe(cabinet.organisation.id);
    expect(created.id).not.toBe(cabinet.organisation.id);
  });
});
