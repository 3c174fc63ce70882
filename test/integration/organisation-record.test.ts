// Issue 10, the organisation record over HTTP: description, licenseNumber (unique across the platform,
// case-insensitively), contactEmail, phone (E.164) and address at every way of creating an organisation and by PATCH;
// who sees them; the join code its admins may share with members; and the demo organisation's disabled code.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, PASSWORD, problemOf, registerCabinet, unique } from '#test/api';
import { organisationGone } from '#test/deletion';
import { getItem } from '#test/emulators';
import { addNewMember, signIn } from '#test/organisations';
import { createSuperAdmin } from '#test/platform';
import { apiFrom, createInput, joinWithCode, newClientAddress, register } from '#test/registration';

type SuperAdmin = Awaited<ReturnType<typeof createSuperAdmin>>;

const orgPath = (id: string) => `/api/organisations/${id}`;
const licence = () => `FINESS ${randomUUID().slice(0, 8).toUpperCase()}`;

/** A full record as a client sends it, and as Cabinet answers it (the phone in E.164, the e-mail lower-cased). */
function record() {
  const licenseNumber = licence();
  return {
    sent: {
      description: 'Médecine générale\nConsultations sur rendez-vous',
      licenseNumber,
      contactEmail: 'Accueil@Cabinet-Martin.example',
      phone: '+33 1 42.86-82.00',
      address: '12 rue des Lilas\r\n75019 Paris',
    },
    stored: {
      description: 'Médecine générale\nConsultations sur rendez-vous',
      licenseNumber,
      contactEmail: 'accueil@cabinet-martin.example',
      phone: '+33142868200',
      address: '12 rue des Lilas\n75019 Paris',
    },
  };
}

let root: SuperAdmin;
beforeAll(async () => {
  root = await createSuperAdmin();
});

/**
 * A registration's record: the organisation's fields but its phone, since a registration's `phone` is the person's
 * (their profile); the organisation's phone is set afterwards with PATCH.
 */
function registrationRecord() {
  const { sent, stored } = record();
  const { phone: _sentPhone, ...sentWithoutPhone } = sent;
  const { phone: _storedPhone, ...storedWithoutPhone } = stored;
  return { sent: sentWithoutPhone, stored: storedWithoutPhone };
}

describe('the record at creation, every way', () => {
  it('register-cabinet stores it and shows it to the new ADMIN; its phone is the person’s', async () => {
    const { sent, stored } = registrationRecord();

    const cabinet = await registerCabinet({ ...sent, phone: '+33 6 12 34 56 78' });

    const read = await api('GET', orgPath(cabinet.organisation.id), { token: cabinet.token });
    expect(read.body.organisation).toMatchObject(stored);
    expect(read.body.organisation).not.toHaveProperty('phone');
    expect((await api('GET', '/api/auth/me', { token: cabinet.token })).body.user).toMatchObject({ phone: '+33612345678' });
    expect(await getItem(`ORGLICENSE#${stored.licenseNumber.toLowerCase()}`, 'GUARD')).toMatchObject({
      organisationId: cabinet.organisation.id,
    });
  });

  it('register (create) stores it: seed 004 asks for a description at registration', async () => {
    const { sent, stored } = registrationRecord();

    const response = await register(createInput(sent));

    expect(response.status).toBe(201);
    const read = await api('GET', orgPath(response.body.organisation.id), { token: response.body.token });
    expect(read.body.organisation).toMatchObject(stored);
  });

  it('POST /api/organisations stores it', async () => {
    const cabinet = await registerCabinet();
    const { sent, stored } = record();

    const response = await api('POST', '/api/organisations', { token: cabinet.token, body: { name: unique('Antenne'), ...sent } });

    expect(response.status).toBe(201);
    expect(response.body.organisation).toMatchObject(stored);
  });

  it('POST /api/platform/organisations stores it (seed 003: address, phone, clinic e-mail)', async () => {
    const { sent, stored } = record();

    const response = await api('POST', '/api/platform/organisations', {
      token: root.token,
      body: { organisationName: unique('Clinique'), adminEmail: `${unique('admin')}@example.org`, ...sent },
    });

    expect(response.status).toBe(201);
    expect(response.body.organisation).toMatchObject(stored);
  });
});

describe('licenseNumber is unique across the platform', () => {
  it('answers 409 license-number-taken on the field, ignoring case, surrounding spaces and full-width forms, at every creation', async () => {
    const licenseNumber = licence();
    const first = await registerCabinet({ licenseNumber });
    const same = [
      ` ${licenseNumber.toLowerCase()} `,
      licenseNumber.replace(/[A-Z0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)),
    ];

    const attempts = [
      await api('POST', '/api/auth/register-cabinet', {
        body: {
          organisationName: unique('Cabinet'),
          username: unique('dr'),
          password: PASSWORD,
          nom: 'A',
          prenom: 'B',
          licenseNumber: same[0],
        },
      }),
      await register(createInput({ licenseNumber: same[1] })),
      await api('POST', '/api/organisations', { token: first.token, body: { name: unique('Antenne'), licenseNumber: same[0] } }),
      await api('POST', '/api/platform/organisations', {
        token: root.token,
        body: { organisationName: unique('Clinique'), adminEmail: `${unique('a')}@example.org`, licenseNumber: same[1] },
      }),
    ];

    for (const response of attempts) {
      expect(response.status).toBe(409);
      expect(problemOf(response)).toBe('license-number-taken');
      expect(response.body.errors).toEqual([{ path: 'licenseNumber', message: 'License number is already registered' }]);
    }
    const mine = await api('GET', '/api/organisations', { token: first.token });
    expect(mine.body.items).toHaveLength(1);
  });

  it('PATCH moves the guard in the same transaction: the old number is free again, a taken one is refused and nothing changes', async () => {
    const [a, b] = await Promise.all([registerCabinet({ licenseNumber: licence() }), registerCabinet({ licenseNumber: licence() })]);
    const oldA = (await getItem(`ORG#${a.organisation.id}`, 'ORGANISATION'))?.licenseNumber as string;
    const numberOfB = (await getItem(`ORG#${b.organisation.id}`, 'ORGANISATION'))?.licenseNumber as string;
    const next = licence();

    const taken = await api('PATCH', orgPath(a.organisation.id), { token: a.token, body: { licenseNumber: numberOfB.toLowerCase() } });
    const moved = await api('PATCH', orgPath(a.organisation.id), { token: a.token, body: { licenseNumber: next } });

    expect(taken.status).toBe(409);
    expect(problemOf(taken)).toBe('license-number-taken');
    expect(moved.status).toBe(200);
    expect(moved.body.organisation.licenseNumber).toBe(next);
    expect(await getItem(`ORGLICENSE#${oldA.toLowerCase()}`, 'GUARD')).toBeUndefined();
    expect(await getItem(`ORGLICENSE#${next.toLowerCase()}`, 'GUARD')).toMatchObject({ organisationId: a.organisation.id });
    expect(await getItem(`ORGLICENSE#${numberOfB.toLowerCase()}`, 'GUARD')).toMatchObject({ organisationId: b.organisation.id });
    const reuse = await api('POST', '/api/organisations', { token: b.token, body: { name: unique('Reprise'), licenseNumber: oldA } });
    expect(reuse.status).toBe(201);
  });

  it('a change of case keeps the guard; null clears the number and releases it', async () => {
    const licenseNumber = licence();
    const cabinet = await registerCabinet({ licenseNumber });
    const path = orgPath(cabinet.organisation.id);

    const recased = await api('PATCH', path, { token: cabinet.token, body: { licenseNumber: licenseNumber.toLowerCase() } });
    expect(recased.status).toBe(200);
    expect(recased.body.organisation.licenseNumber).toBe(licenseNumber.toLowerCase());
    expect(await getItem(`ORGLICENSE#${licenseNumber.toLowerCase()}`, 'GUARD')).toMatchObject({ organisationId: cabinet.organisation.id });

    const cleared = await api('PATCH', path, { token: cabinet.token, body: { licenseNumber: null } });
    expect(cleared.status).toBe(200);
    expect(cleared.body.organisation).not.toHaveProperty('licenseNumber');
    expect(await getItem(`ORGLICENSE#${licenseNumber.toLowerCase()}`, 'GUARD')).toBeUndefined();
    expect(await getItem(`ORG#${cabinet.organisation.id}`, 'ORGANISATION')).not.toHaveProperty('licenseKey');
  });

  it('deleting the organisation releases its number', async () => {
    const licenseNumber = licence();
    const cabinet = await registerCabinet({ licenseNumber });

    const deleted = await api('DELETE', orgPath(cabinet.organisation.id), { token: cabinet.token });

    expect(deleted.status).toBe(202);
    expect(await organisationGone(cabinet.organisation.id)).toBe(true);
    expect(await getItem(`ORGLICENSE#${licenseNumber.toLowerCase()}`, 'GUARD')).toBeUndefined();
    expect((await registerCabinet({ licenseNumber })).organisation.id).not.toBe(cabinet.organisation.id);
  });

  it('of ten concurrent organisations claiming one number, exactly one gets it', async () => {
    const licenseNumber = licence();
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => api('POST', '/api/auth/register-cabinet', { body: { ...cabinetBody(), licenseNumber } })),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([201, ...Array(9).fill(409)]);
  });
});

const cabinetBody = () => ({
  organisationName: unique('Cabinet'),
  username: unique('dr'),
  password: PASSWORD,
  nom: 'Martin',
  prenom: 'Jean',
});

describe('PATCH the record', () => {
  it('sets and clears each field, and records the change in the audit trail', async () => {
    const cabinet = await registerCabinet();
    const { sent, stored } = record();
    const path = orgPath(cabinet.organisation.id);

    const set = await api('PATCH', path, { token: cabinet.token, body: sent });
    const cleared = await api('PATCH', path, {
      token: cabinet.token,
      body: { contactEmail: null, phone: null, address: null, description: null, licenseNumber: null },
    });

    expect(set.status).toBe(200);
    expect(set.body.organisation).toMatchObject(stored);
    expect(cleared.status).toBe(200);
    for (const field of Object.keys(stored)) expect(cleared.body.organisation).not.toHaveProperty(field);
    const audit = await api('GET', `${path}/audit?limit=2`, { token: cabinet.token });
    expect(audit.body.items[1]).toMatchObject({
      action: 'organisation.updated',
      actorId: cabinet.user.id,
      details: { phone: { from: null, to: stored.phone }, licenseNumber: { from: null, to: stored.licenseNumber } },
    });
  });

  it('refuses what is not a record, each field named with its rule', async () => {
    const cabinet = await registerCabinet();

    const response = await api('PATCH', orgPath(cabinet.organisation.id), {
      token: cabinet.token,
      body: {
        licenseNumber: 'LIC\u202E001',
        contactEmail: 'accueil@',
        phone: '01 42 86 82 00',
        address: `12 rue des Lilas\u0000`,
        description: 'x'.repeat(501),
      },
    });

    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual(
      expect.arrayContaining([
        { path: 'licenseNumber', message: 'licenseNumber must not contain bidirectional control characters' },
        { path: 'contactEmail', message: 'contactEmail must be a valid email address' },
        {
          path: 'phone',
          message: 'phone must be an E.164 number: +, the country code and the number, 15 digits at most (e.g. +33142868200)',
        },
        { path: 'address', message: 'address must not contain control characters' },
        { path: 'description', message: 'Description must be at most 500 characters' },
      ]),
    );
    expect(await getItem(`ORG#${cabinet.organisation.id}`, 'ORGANISATION')).not.toHaveProperty('phone');
  });
});

describe('who sees the record', () => {
  it('every ACTIVE member (it is the practice’s professional identity); a pending member does not', async () => {
    const { sent, stored } = registrationRecord();
    const cabinet = await registerCabinet(sent);
    const viewer = await addNewMember(cabinet, 'VIEWER');
    // Someone with an account elsewhere asks to join; the code requires approval, so their membership is PENDING.
    const person = await addNewMember(await registerCabinet(), 'MEMBER');
    await api('PATCH', `${orgPath(cabinet.organisation.id)}/join-code`, { token: cabinet.token, body: { requiresApproval: true } });
    const asked = await apiFrom(newClientAddress(), 'POST', '/api/auth/join-organisation', {
      token: person.token,
      body: { organisationCode: cabinet.organisation.code },
    });
    expect(asked.status).toBe(202);

    const asViewer = await api('GET', orgPath(cabinet.organisation.id), { token: viewer.token });
    const listed = await api('GET', '/api/organisations', { token: viewer.token });
    const asPending = await api('GET', '/api/organisations', { token: person.token });

    expect(asViewer.body.organisation).toMatchObject(stored);
    expect(listed.body.items[0].organisation).toMatchObject(stored);
    const pendingView = asPending.body.items.find(
      (item: { organisation: { id: string } }) => item.organisation.id === cabinet.organisation.id,
    );
    expect(pendingView).toMatchObject({ status: 'PENDING', organisation: { id: cabinet.organisation.id } });
    for (const field of ['licenseNumber', 'contactEmail', 'phone', 'address']) expect(pendingView.organisation).not.toHaveProperty(field);
  });

  it('the platform sees it in its list; a non-member never does', async () => {
    const { sent, stored } = registrationRecord();
    const cabinet = await registerCabinet(sent);
    const stranger = await registerCabinet();

    // Other files register cabinets on the same stack at the same time: newest first, it is near the top, not first.
    const list = await api('GET', '/api/platform/organisations?limit=100', { token: root.token });
    const foreign = await api('GET', orgPath(cabinet.organisation.id), { token: stranger.token });

    expect(list.body.items.find((org: { id: string }) => org.id === cabinet.organisation.id)).toMatchObject(stored);
    expect(foreign.status).toBe(404);
    expect(foreign.text).not.toContain(stored.licenseNumber);
  });
});

describe('the join code its admins may share with members (seed 001)', () => {
  it('is hidden from members by default, shown to every ACTIVE member once shared, in every answer that carries it', async () => {
    const cabinet = await registerCabinet();
    const member = await addNewMember(cabinet, 'MEMBER');
    const codePath = `${orgPath(cabinet.organisation.id)}/join-code`;
    const views = async () => {
      const session = await signIn(member.user.username);
      return [
        (await api('GET', orgPath(cabinet.organisation.id), { token: member.token })).body.organisation,
        (await api('GET', '/api/organisations', { token: member.token })).body.items[0].organisation,
        (await api('GET', '/api/auth/me', { token: member.token })).body.organisation,
        session.organisation,
      ];
    };

    for (const view of await views()) expect(view).not.toHaveProperty('code');

    const shared = await api('PATCH', codePath, { token: cabinet.token, body: { sharedWithMembers: true } });
    expect(shared.status).toBe(200);
    expect(shared.body).toMatchObject({ sharedWithMembers: true });
    for (const view of await views()) expect(view).toMatchObject({ code: cabinet.organisation.code });
    // Seeing it is not managing it: the policy itself stays the admins'.
    expect((await api('GET', codePath, { token: member.token })).status).toBe(403);

    await api('PATCH', codePath, { token: cabinet.token, body: { sharedWithMembers: false } });
    for (const view of await views()) expect(view).not.toHaveProperty('code');
  });

  it('a member who shares the code lets someone in with it', async () => {
    const cabinet = await registerCabinet();
    const member = await addNewMember(cabinet, 'MEMBER');
    await api('PATCH', `${orgPath(cabinet.organisation.id)}/join-code`, { token: cabinet.token, body: { sharedWithMembers: true } });

    const code = (await api('GET', orgPath(cabinet.organisation.id), { token: member.token })).body.organisation.code;
    const joined = await joinWithCode(code);

    expect(joined.response.status).toBe(201);
    expect(joined.response.body.organisation.id).toBe(cabinet.organisation.id);
  });
});

describe('default-org-001 holds the demo data only', () => {
  it('its join code is disabled when it is seeded, so nobody joins the demo with it', async () => {
    const demo = await signIn('demo.admin', 'DemoCabinet2025!');

    const code = await api('GET', '/api/organisations/default-org-001/join-code', { token: demo.token });
    const joined = await joinWithCode(code.body.code);

    expect(code.status).toBe(200);
    expect(code.body).toMatchObject({ enabled: false });
    expect(joined.response.status).toBe(404);
    expect(problemOf(joined.response)).toBe('organisation-not-found');
  });
});
