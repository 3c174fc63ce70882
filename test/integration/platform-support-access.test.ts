// Support access: a super-admin reads an organisation's patients only while that organisation's admin grants it
// (POST /api/organisations/{id}/support-access), and every read is recorded in the organisation's audit trail.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, problemOf, registerCabinet } from '#test/api';
import { createSuperAdmin, expireSupportGrant, grantSupportAccess, revokeSupportAccess } from '#test/platform';

type SuperAdmin = Awaited<ReturnType<typeof createSuperAdmin>>;

type Cabinet = Awaited<ReturnType<typeof registerCabinet>>;

/** The support reads in the organisation's audit trail, as its admin sees them (GET /api/organisations/{id}/audit). */
async function supportReads(cabinet: Cabinet) {
  const audit = await api('GET', `/api/organisations/${cabinet.organisation.id}/audit?limit=100`, { token: cabinet.token });
  expect(audit.status).toBe(200);
  return (audit.body.items as { action: string }[]).filter((entry) => entry.action === 'support-access.read');
}

async function cabinetWithPatients(count: number) {
  const cabinet = await registerCabinet();
  const patients: { id: string; nom: string }[] = [];
  for (let index = 0; index < count; index++) {
    const created = await api('POST', '/api/patients', { token: cabinet.token, body: { nom: `Patient${index}`, prenom: 'Dossier' } });
    patients.push(created.body);
  }
  return { cabinet, patients };
}

let root: SuperAdmin;
beforeAll(async () => {
  root = await createSuperAdmin();
});

const listPath = (organisationId: string, query = '') => `/api/platform/organisations/${organisationId}/patients${query}`;
const patientPath = (organisationId: string, patientId: string) => `/api/platform/organisations/${organisationId}/patients/${patientId}`;

describe('GET /api/platform/organisations/{id}/patients[/{patientId}]', () => {
  it('answers 403 without a support grant and records nothing', async () => {
    const { cabinet, patients } = await cabinetWithPatients(1);

    const list = await api('GET', listPath(cabinet.organisation.id), { token: root.token });
    const one = await api('GET', patientPath(cabinet.organisation.id, patients[0]!.id), { token: root.token });

    expect(list.status).toBe(403);
    expect(one.status).toBe(403);
    expect(problemOf(list)).toBe('support-access-not-granted');
    expect(await supportReads(cabinet)).toEqual([]);
  });

  it("reads the patients under an active grant and records each access in the organisation's audit trail", async () => {
    const { cabinet, patients } = await cabinetWithPatients(2);
    await grantSupportAccess(cabinet, 2);

    const list = await api('GET', listPath(cabinet.organisation.id), { token: root.token });
    const one = await api('GET', patientPath(cabinet.organisation.id, patients[0]!.id), { token: root.token });

    expect(list.status).toBe(200);
    expect(list.body.items.map((p: { id: string }) => p.id).sort()).toEqual(patients.map((p) => p.id).sort());
    expect(list.body.nextCursor).toBeNull();
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: patients[0]!.id, nom: 'Patient0', prenom: 'Dossier' });
    const reads = await supportReads(cabinet);
    expect(reads).toHaveLength(2);
    expect(reads).toContainEqual(
      expect.objectContaining({
        actorId: root.user.id,
        details: { superAdmin: root.username, resource: 'patients', patientIds: expect.arrayContaining(patients.map((p) => p.id)) },
      }),
    );
    expect(reads).toContainEqual(
      expect.objectContaining({
        actorId: root.user.id,
        target: patients[0]!.id,
        details: { superAdmin: root.username, resource: 'patient', patientId: patients[0]!.id, found: true },
      }),
    );
  });

  it('pages through the patients with the list cursor under a grant', async () => {
    const { cabinet, patients } = await cabinetWithPatients(3);
    await grantSupportAccess(cabinet);

    const first = await api('GET', listPath(cabinet.organisation.id, '?limit=2'), { token: root.token });
    const second = await api('GET', listPath(cabinet.organisation.id, `?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`), {
      token: root.token,
    });

    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    const ids = [...first.body.items, ...second.body.items].map((p: { id: string }) => p.id);
    expect(ids.sort()).toEqual(patients.map((p) => p.id).sort());
    expect(await supportReads(cabinet)).toHaveLength(2);
  });

  it('answers 404 for an unknown patient under a grant, and still records the attempt', async () => {
    const { cabinet } = await cabinetWithPatients(0);
    await grantSupportAccess(cabinet);
    const missing = randomUUID();

    const response = await api('GET', patientPath(cabinet.organisation.id, missing), { token: root.token });

    expect(response.status).toBe(404);
    expect(await supportReads(cabinet)).toEqual([
      expect.objectContaining({
        target: missing,
        details: { superAdmin: root.username, resource: 'patient', patientId: missing, found: false },
      }),
    ]);
  });

  it('answers 403 once the grant has expired', async () => {
    const { cabinet, patients } = await cabinetWithPatients(1);
    await grantSupportAccess(cabinet);
    expect((await api('GET', listPath(cabinet.organisation.id), { token: root.token })).status).toBe(200);

    await expireSupportGrant(cabinet.organisation.id);

    expect((await api('GET', listPath(cabinet.organisation.id), { token: root.token })).status).toBe(403);
    expect((await api('GET', patientPath(cabinet.organisation.id, patients[0]!.id), { token: root.token })).status).toBe(403);
    expect(await supportReads(cabinet)).toHaveLength(1);
  });

  it("answers 403 once the organisation's admin has revoked the grant", async () => {
    const { cabinet, patients } = await cabinetWithPatients(1);
    await grantSupportAccess(cabinet);
    expect((await api('GET', listPath(cabinet.organisation.id), { token: root.token })).status).toBe(200);

    await revokeSupportAccess(cabinet);

    expect((await api('GET', listPath(cabinet.organisation.id), { token: root.token })).status).toBe(403);
    expect((await api('GET', patientPath(cabinet.organisation.id, patients[0]!.id), { token: root.token })).status).toBe(403);
    expect(await supportReads(cabinet)).toHaveLength(1);
  });

  it("does not let one organisation's grant open another organisation", async () => {
    const granting = await cabinetWithPatients(1);
    const other = await cabinetWithPatients(1);
    await grantSupportAccess(granting.cabinet);

    const foreign = await api('GET', patientPath(other.cabinet.organisation.id, other.patients[0]!.id), { token: root.token });
    const crossed = await api('GET', patientPath(granting.cabinet.organisation.id, other.patients[0]!.id), { token: root.token });

    expect(foreign.status).toBe(403);
    // Under A's grant, B's patient id addresses nothing in A's partition.
    expect(crossed.status).toBe(404);
  });

  it('answers 404 for an unknown organisation', async () => {
    const response = await api('GET', listPath(randomUUID()), { token: root.token });

    expect(response.status).toBe(404);
    expect(problemOf(response)).toBe('organisation-not-found');
  });

  it('is read-only: no platform route writes patients (405)', async () => {
    const { cabinet, patients } = await cabinetWithPatients(1);
    await grantSupportAccess(cabinet);

    const create = await api('POST', listPath(cabinet.organisation.id), { token: root.token, body: { nom: 'X', prenom: 'Y' } });
    const update = await api('PATCH', patientPath(cabinet.organisation.id, patients[0]!.id), { token: root.token, body: { nom: 'X' } });
    const remove = await api('DELETE', patientPath(cabinet.organisation.id, patients[0]!.id), { token: root.token });

    expect([create.status, update.status, remove.status]).toEqual([405, 405, 405]);
    const own = await api('GET', `/api/patients/${patients[0]!.id}`, { token: cabinet.token });
    expect(own.body.nom).toBe('Patient0');
  });
});
