// Text that is what it looks like (issue 7, item 6): free text is NFKC-normalised; control characters (a newline in
// multi-line notes aside), bidi controls, zero-width characters and lone surrogates are refused with 400 naming the
// field and the rule; organisation names are unique up to look-alikes of other scripts.
import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { api, problemOf, registerCabinet } from '#test/api';

const patient = (cabinet: { token: string }, body: Record<string, unknown>) => api('POST', '/api/patients', { token: cabinet.token, body });
const rawPatient = (cabinet: { token: string }, json: string) =>
  api('POST', '/api/patients', { token: cabinet.token, rawBody: json, headers: { 'content-type': 'application/json' } });

describe('free-text fields', () => {
  it.each([
    ['NUL', { nom: 'Dur\u0000and', prenom: 'Claire' }, 'nom', 'nom must not contain control characters'],
    ['ESC in notes', { nom: 'Durand', prenom: 'Claire', notes: 'ok\u001b[31mred' }, 'notes', 'notes must not contain control characters'],
    [
      'a right-to-left override',
      { nom: 'Durand\u202Egnp.exe', prenom: 'Claire' },
      'nom',
      'nom must not contain bidirectional control characters',
    ],
    ['a zero-width space', { nom: 'Dur\u200Band', prenom: 'Claire' }, 'nom', 'nom must not contain zero-width characters'],
    ['a newline in a one-line field', { nom: 'Durand', prenom: 'Cla\nire' }, 'prenom', 'prenom must be a single line'],
  ])('refuses %s with 400, the field and the rule, and stores nothing', async (_what, body, path, message) => {
    const cabinet = await registerCabinet();

    const response = await patient(cabinet, body);

    expect(response.status).toBe(400);
    expect(problemOf(response)).toBe('validation-error');
    expect(response.body.errors).toContainEqual({ path, message });
    expect((await api('GET', '/api/patients', { token: cabinet.token })).body.items).toEqual([]);
  });

  it('refuses a lone surrogate sent as a JSON escape, so every later listing stays valid JSON for strict clients', async () => {
    const cabinet = await registerCabinet();

    const response = await rawPatient(cabinet, '{"nom":"Durand","prenom":"Cl\\ud800aire"}');
    const list = await api('GET', '/api/patients', { token: cabinet.token });

    expect(response.status).toBe(400);
    expect(response.body.errors).toContainEqual({ path: 'prenom', message: 'prenom must be valid Unicode text (no lone surrogate)' });
    expect(list.text.isWellFormed()).toBe(true);
    expect(list.body.items).toEqual([]);
  });

  it('keeps a newline in multi-line notes and stores text NFKC-normalised', async () => {
    const cabinet = await registerCabinet();

    const response = await patient(cabinet, { nom: 'Ｄｕｒａｎｄ', prenom: 'Claire', notes: 'Allergie : pénicilline\r\nSuivi ﬁn mai' });

    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ nom: 'Durand', notes: 'Allergie : pénicilline\nSuivi fin mai' });
  });

  it('refuses bidi controls in an organisation name at registration', async () => {
    const response = await api('POST', '/api/auth/register-cabinet', {
      body: {
        organisationName: 'Cabinet \u202Eniatra\u202C',
        username: `dr.${randomInt(1e9)}`,
        password: 'Cassius2025!',
        nom: 'M',
        prenom: 'J',
      },
    });
    expect(response.status).toBe(400);
    expect(response.body.errors).toContainEqual({
      path: 'organisationName',
      message: 'Organisation name must not contain bidirectional control characters',
    });
  });
});

describe('organisation-name uniqueness folds look-alikes', () => {
  it.each([
    ['in Cyrillic letters', (tag: string) => `\u0421\u0430bin\u0435t \u0401t\u043E\u0456l\u0435 ${tag}`],
    ['in full-width letters', (tag: string) => `Ｃａｂｉｎｅｔ Étoile ${tag}`],
    ['with Greek capitals', (tag: string) => `CABINET \u0395TOILE ${tag}`],
  ])('answers 409 organisation-name-taken for "Cabinet Étoile" %s', async (_how, lookAlike) => {
    const tag = String(randomInt(1e9));
    await registerCabinet({ organisationName: `Cabinet Étoile ${tag}` });

    const response = await api('POST', '/api/auth/register-cabinet', {
      body: { organisationName: lookAlike(tag), username: `dr.${randomInt(1e9)}`, password: 'Cassius2025!', nom: 'Martin', prenom: 'Jean' },
    });

    expect(response.status).toBe(409);
    expect(problemOf(response)).toBe('organisation-name-taken');
  });
});
