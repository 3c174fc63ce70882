// The HTTP contract every route shares: problem+json errors, content-type, size and unknown-route handling.
import { beforeAll, describe, expect, it } from 'vitest';
import { routeList } from '#routes';
import { api, registerCabinet } from '#test/api';

let token: string;
beforeAll(async () => {
  token = (await registerCabinet()).token;
});

const STACK_TRACE = /\bat .+\(.*:\d+:\d+\)|\.ts:\d+/;

describe('HTTP contract', () => {
  it('answers 404 problem+json for an unknown route', async () => {
    const response = await api('GET', '/api/nowhere');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.body).toMatchObject({ type: 'urn:cabinet:problem:route-not-found', status: 404, title: 'No such route' });
  });

  it('answers 405 with Allow for a known path and the wrong method', async () => {
    const response = await api('PUT', '/api/patients');
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST, GET');
  });

  it('answers 400 for malformed JSON', async () => {
    const response = await api('POST', '/api/patients', { token, rawBody: '{"nom": ', headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(400);
    expect(response.body.type).toBe('urn:cabinet:problem:malformed-json');
  });

  it('answers 415 for a non-JSON content type', async () => {
    const response = await api('POST', '/api/patients', {
      token,
      rawBody: 'nom=X',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(response.status).toBe(415);
  });

  it('answers 413 for a body over 64 KiB', async () => {
    const response = await api('POST', '/api/patients', { token, body: { nom: 'X', prenom: 'Y', notes: 'a'.repeat(65 * 1024) } });
    expect(response.status).toBe(413);
  });

  it('rejects unknown fields rather than storing them', async () => {
    const response = await api('POST', '/api/patients', { token, body: { nom: 'X', prenom: 'Y', isAdmin: true } });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ path: 'isAdmin', message: 'Unknown field' }]);
  });

  it('validates each patient field with its rule', async () => {
    const response = await api('POST', '/api/patients', {
      token,
      body: { nom: '', prenom: 'Y', dateNaissance: '12/03/1984', email: 'nope', telephone: 'abc', notes: 'n'.repeat(2001) },
    });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'dateNaissance',
      'email',
      'nom',
      'notes',
      'telephone',
    ]);
  });

  it('rejects an empty PATCH and a PATCH clearing a required field', async () => {
    const created = await api('POST', '/api/patients', { token, body: { nom: 'X', prenom: 'Y' } });
    expect((await api('PATCH', `/api/patients/${created.body.id}`, { token, body: {} })).status).toBe(400);
    expect((await api('PATCH', `/api/patients/${created.body.id}`, { token, body: { nom: null } })).status).toBe(400);
  });

  it('never returns a stack trace or internal error text', async () => {
    const probes = await Promise.all([
      api('POST', '/api/patients', { token, rawBody: '{{{', headers: { 'content-type': 'application/json' } }),
      api('GET', '/api/patients?limit=abc', { token }),
      api('GET', '/api/patients?cursor=%%%', { token }),
      api('POST', '/api/auth/register-cabinet', { body: [] }),
      api('POST', '/api/auth/login', { body: { username: 1, password: {} } }),
    ]);
    for (const probe of probes) {
      expect(probe.status).toBeGreaterThanOrEqual(400);
      expect(probe.status).toBeLessThan(500);
      expect(probe.text).not.toMatch(STACK_TRACE);
    }
  });

  it('serves health, the OpenAPI document covering every route, and the docs page', async () => {
    expect((await api('GET', '/api/health')).status).toBe(200);
    const doc = await api('GET', '/api/openapi.json');
    expect(doc.body.openapi).toBe('3.1.0');
    for (const route of routeList) {
      expect(doc.body.paths[route.path]?.[route.method.toLowerCase()], `${route.method} ${route.path}`).toBeDefined();
    }
    // Named components, referenced: the body, and the password rule inside it.
    const component = (ref: string) => doc.body.components.schemas[ref.replace('#/components/schemas/', '')];
    const register = component(doc.body.paths['/api/auth/register-cabinet'].post.requestBody.content['application/json'].schema.$ref);
    expect(register.required).toEqual(['organisationName', 'username', 'password', 'nom', 'prenom']);
    expect(component(register.properties.password.$ref).minLength).toBe(12);
    const docs = await api('GET', '/api/docs');
    expect(docs.headers.get('content-type')).toContain('text/html');
    expect(docs.text).toContain('/api/openapi.json');
  });
});
