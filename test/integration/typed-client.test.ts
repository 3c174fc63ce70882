// The typed client (clients/typescript) against the running stack: the README's example, register then create a
// patient, and a refusal read as its problem type.
import { describe, expect, it } from 'vitest';
import { cabinetInput, stack } from '#test/api';
import { createCabinetClient } from '../../clients/typescript/src/index.ts';

describe('clients/typescript', () => {
  it('registers a cabinet, then creates and reads a patient with its token', async () => {
    let token: string | undefined;
    const cabinet = createCabinetClient({ baseUrl: stack().baseUrl, token: () => token });
    const registered = await cabinet.POST('/api/auth/register-cabinet', { body: cabinetInput() });
    expect(registered.response.status).toBe(201);
    token = registered.data?.token;

    const created = await cabinet.POST('/api/patients', { body: { nom: 'Durand', prenom: 'Claire', dateNaissance: '1984-03-12' } });
    expect(created.response.status).toBe(201);
    const id = created.data?.id ?? '';
    const read = await cabinet.GET('/api/patients/{id}', { params: { path: { id } } });
    expect(read.data).toMatchObject({ id, nom: 'Durand', prenom: 'Claire' });
  });

  it('answers a refusal as its problem', async () => {
    const cabinet = createCabinetClient({ baseUrl: stack().baseUrl });
    const { data, error, response } = await cabinet.GET('/api/patients');
    expect(response.status).toBe(401);
    expect(data).toBeUndefined();
    expect(error?.type).toMatch(/^urn:cabinet:problem:/);
  });
});
