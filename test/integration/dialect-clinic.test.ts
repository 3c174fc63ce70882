// Seed 003's dialect under /compat/clinic, driven with the seed's own requests (its create-clinic body, its
// register-request body of section 2.1, the approval flow of section 3, its "Gestion des erreurs" cases): a seed-003
// client changes only its base URL. Mail is read from the local SES, polled with a deadline.
import { randomBytes } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, PASSWORD, problemOf, registerCabinet, stack, unique } from '#test/api';
import { organisationGone } from '#test/deletion';
import { dynamo, getItem, partition } from '#test/emulators';
import { latestMail, mailTo } from '#test/mail';
import { signIn } from '#test/organisations';
import { createSuperAdmin } from '#test/platform';
import { harvestSecrets } from '#test/secrets';

const BASE = '/compat/clinic';
const SET_PASSWORD_SUBJECT = /choisissez votre mot de passe|choose your password/;
const ADMIN_PASSWORD = 'Premier-Acces-2026!';
const TEMP_CODE = /^[A-Z]{3}-TEMP-[0-9A-F]{8}-\d{4}$/;
const hex8 = () => randomBytes(4).toString('hex').toUpperCase();

type SuperAdmin = Awaited<ReturnType<typeof createSuperAdmin>>;
let root: SuperAdmin;
beforeAll(async () => {
  root = await createSuperAdmin();
});

/** The seed's create-clinic body, with a unique clinic name and admin address. */
const clinicBody = (overrides: Record<string, unknown> = {}) => {
  const id = unique('lac');
  return {
    clinicName: `Clinique du Lac ${id}`,
    adminEmail: `admin.${id}@example.org`,
    adminName: 'Ndiaye',
    adminPrenom: 'Moussa',
    address: '4 avenue du Lac, Dakar',
    phone: '+221 33 123 45 67',
    clinicEmail: `contact.${id}@example.org`,
    ...overrides,
  };
};

/** The seed's register-request body (section 2.1), with a password Cabinet's policy accepts. */
const requestBody = (clinicCode: string, overrides: Record<string, unknown> = {}) => ({
  nom: 'Diallo',
  prenom: 'Awa',
  email: `${unique('awa')}@example.org`,
  password: 'Stethoscope2026!',
  passwordConfirm: 'Stethoscope2026!',
  telephone: '+221 77 123 45 67',
  adresse: '12 rue des Palmiers, Dakar',
  roleSouhaite: 'INFIRMIER',
  specialite: 'Pédiatrie',
  securityQuestions: {
    question1: { question: 'Nom de votre premier animal ?', answer: `Rex-${unique('a')}` },
    question2: { question: 'Ville de naissance ?', answer: `Thies-${unique('b')}` },
    question3: { question: 'Prénom de votre grand-mère ?', answer: `Fatou-${unique('c')}` },
  },
  clinicCode,
  ...overrides,
});

const createClinic = (body: Record<string, unknown>, token = root.token) =>
  api('POST', `${BASE}/functions/v1/create-clinic`, { token, body });
const registerRequest = (body: Record<string, unknown>) => api('POST', `${BASE}/api/auth/register-request`, { body });

/** A clinic created by the super-admin, and its admin signed in through the e-mailed set-password link. */
async function clinicWithAdmin(overrides: Record<string, unknown> = {}) {
  const body = clinicBody(overrides);
  const created = await createClinic(body);
  if (created.status !== 201) throw new Error(`create-clinic: ${created.status} ${created.text}`);
  const mail = await latestMail(body.adminEmail, SET_PASSWORD_SUBJECT);
  const reset = await api('POST', '/api/auth/reset-password', { body: { token: mail.token, newPassword: ADMIN_PASSWORD } });
  if (reset.status !== 204) throw new Error(`reset-password: ${reset.status} ${reset.text}`);
  const admin = await signIn(body.adminEmail, ADMIN_PASSWORD);
  return { body, created: created.body, code: created.body.temporaryCode.code as string, admin };
}

/** An agent's pending registration request at the clinic. */
async function pendingAgent(code: string) {
  const body = requestBody(code);
  const response = await registerRequest(body);
  if (response.status !== 201) throw new Error(`register-request: ${response.status} ${response.text}`);
  return { body, id: response.body.request.id as string };
}

const review = (id: string, action: 'approve' | 'reject', token: string, body?: unknown) =>
  api('POST', `${BASE}/api/auth/registration-requests/${id}/${action}`, { token, ...(body === undefined ? {} : { body }) });

describe('POST /compat/clinic/functions/v1/create-clinic', () => {
  it('creates the clinic with its temporary code and e-mails its admin a set-password link, never a password or link in the answer', async () => {
    const body = clinicBody({ clinicName: `Étoile ${unique('x')}` });

    const response = await createClinic(body);

    expect(response.status).toBe(201);
    const { clinic, temporaryCode, admin, credentials } = response.body;
    expect(clinic).toMatchObject({
      name: body.clinicName,
      is_temporary_code: true,
      active: true,
      address: body.address,
      phone: '+221331234567',
      email: body.clinicEmail,
      created_by_super_admin: root.user.id,
    });
    // Prefix from the clinic's name (accents folded), 72 hours by default.
    expect(temporaryCode.code).toMatch(TEMP_CODE);
    expect(temporaryCode.code.startsWith('ETO-TEMP-')).toBe(true);
    expect(clinic.code).toBe(temporaryCode.code);
    const hours = (Date.parse(temporaryCode.expires_at) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(71.9);
    expect(hours).toBeLessThanOrEqual(72);
    expect(admin).toMatchObject({ email: body.adminEmail, nom: 'Ndiaye', prenom: 'Moussa', role: 'CLINIC_ADMIN', status: 'PENDING' });
    expect(credentials).toEqual({
      email: body.adminEmail,
      clinicCode: temporaryCode.code,
      tempPassword: '*** Envoyé par email sécurisé ***',
      setPasswordLinkExpiresAt: expect.any(String),
    });

    const mail = await latestMail(body.adminEmail, SET_PASSWORD_SUBJECT);
    expect(mail.link).toMatch(/\/set-password\?token=/);
    expect(response.text).not.toContain(mail.token);
    expect(response.text).not.toMatch(/https?:\/\//);
    // The admin is the clinic's ADMIN, whose first password nobody knows: signing in needs the link.
    expect(await getItem(`ORG#${clinic.id}`, `MEMBER#${admin.id}`)).toMatchObject({ role: 'ADMIN', status: 'ACTIVE' });
    expect((await api('POST', '/api/auth/login', { body: { username: body.adminEmail, password: PASSWORD } })).status).toBe(401);
    await api('POST', '/api/auth/reset-password', { body: { token: mail.token, newPassword: ADMIN_PASSWORD } });
    const session = await signIn(body.adminEmail, ADMIN_PASSWORD);
    expect(session.user).toMatchObject({ id: admin.id, role: 'ADMIN', organisationId: clinic.id });
  });

  it('takes the validity and a custom temporary code; a code another clinic holds is 409 on customTempCode', async () => {
    const custom = `LAC-TEMP-${hex8()}-4242`;
    const first = await createClinic(clinicBody({ validityHours: 5, customTempCode: custom.toLowerCase() }));
    expect(first.status).toBe(201);
    expect(first.body.temporaryCode.code).toBe(custom);
    const hours = (Date.parse(first.body.temporaryCode.expires_at) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(4.9);
    expect(hours).toBeLessThanOrEqual(5);

    const second = await createClinic(clinicBody({ customTempCode: custom }));

    expect([second.status, problemOf(second)]).toEqual([409, 'temporary-code-taken']);
    expect(second.body).toMatchObject({ success: false, error: 'Temporary code is already taken' });
    expect(second.body.errors).toEqual([{ path: 'customTempCode', message: 'Temporary code is already taken' }]);
  });

  it('answers a taken clinic name on clinicName, the seed field', async () => {
    const body = clinicBody();
    expect((await createClinic(body)).status).toBe(201);

    const again = await createClinic(clinicBody({ clinicName: body.clinicName }));

    expect([again.status, problemOf(again)]).toEqual([409, 'organisation-name-taken']);
    expect(again.body.errors).toEqual([{ path: 'clinicName', message: 'Organisation name is already taken' }]);
  });

  it('invites an admin address that already has an account: admin only once they accept (no membership without consent)', async () => {
    const existing = await registerCabinet({ username: `${unique('doc')}@example.org` });
    const email = existing.input.username as string;

    const response = await createClinic(clinicBody({ adminEmail: email }));

    expect(response.status).toBe(201);
    expect(response.body.admin).toMatchObject({ email, role: 'CLINIC_ADMIN', status: 'INVITED', invitation_id: expect.any(String) });
    expect(await getItem(`ORG#${response.body.clinic.id}`, `MEMBER#${existing.user.id}`)).toBeUndefined();
  });

  it("is the platform's: a clinic's own admin is 403, no token 401, in the seed's envelope", async () => {
    const cabinet = await registerCabinet();

    const refused = await createClinic(clinicBody(), cabinet.token);
    const anonymous = await api('POST', `${BASE}/functions/v1/create-clinic`, { body: clinicBody() });

    expect([refused.status, problemOf(refused)]).toEqual([403, 'super-admin-only']);
    expect(refused.body).toMatchObject({ success: false, error: 'Accès réservé aux super-administrateurs' });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toMatchObject({ success: false, error: 'Non authentifié' });
  });
});

describe('POST /compat/clinic/api/auth/register-request', () => {
  it('records a pending request with the temporary code as typed, e-mails the admin, and never stores the security answers', async () => {
    const clinic = await clinicWithAdmin();
    const body = requestBody(clinic.code.toLowerCase());
    // The teardown greps the stack's whole log for each answer, as for every secret of the run.
    harvestSecrets(stack().logFile, ...Object.values(body.securityQuestions).map(({ answer }) => ({ secret: answer })));

    const response = await registerRequest(body);

    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      success: true,
      message: "Demande d'inscription envoyée. Un administrateur de la clinique doit l'approuver.",
      request: {
        id: expect.any(String),
        email: body.email,
        statut: 'pending',
        clinic_id: clinic.created.clinic.id,
        clinic_name: clinic.body.clinicName,
      },
    });
    const notice = await latestMail(clinic.body.adminEmail, /Nouvelle demande pour rejoindre|New request to join/);
    expect(notice.text).toContain('Diallo');
    // Blocked until approved: a sign-in gives no clinic.
    const pending = await signIn(body.email, body.password);
    expect(pending.user.organisationId ?? null).toBeNull();
    // Neither a question nor an answer is anywhere in the clinic's or the agent's items.
    const stored = JSON.stringify([
      ...(await partition(`ORG#${clinic.created.clinic.id}`)),
      ...(await partition(`USER#${response.body.request.id}`)),
    ]);
    expect(stored).toContain('INFIRMIER');
    for (const { question, answer } of Object.values(body.securityQuestions)) {
      expect(stored).not.toContain(answer);
      expect(stored).not.toContain(question);
    }
    expect(stored).not.toContain(body.password);
  });

  it("takes the clinic's permanent 10-digit code as well", async () => {
    const clinic = await clinicWithAdmin();
    const joinCode = await api('GET', `/api/organisations/${clinic.created.clinic.id}/join-code`, { token: clinic.admin.token });

    const response = await registerRequest(requestBody(joinCode.body.code));

    expect(response.status).toBe(201);
    expect(response.body.request).toMatchObject({ statut: 'pending', clinic_id: clinic.created.clinic.id });
  });

  it('refuses fewer than 2 security questions, or the same one twice, in French', async () => {
    const questions = requestBody('0000000000').securityQuestions;
    const one = await registerRequest(requestBody('0000000000', { securityQuestions: { question1: questions.question1 } }));
    const twice = await registerRequest(
      requestBody('0000000000', {
        securityQuestions: { question1: questions.question2, question2: { question: ' ville de NAISSANCE ? ', answer: 'Dakar' } },
      }),
    );

    expect([one.status, problemOf(one)]).toEqual([400, 'validation-error']);
    expect(one.body).toMatchObject({ success: false, error: 'Au moins 2 questions de sécurité sont requises' });
    expect(twice.body).toMatchObject({ success: false, error: 'Les questions de sécurité doivent être différentes' });
  });

  it("states which of Cabinet's password rules failed, and a confirmation that differs", async () => {
    const weak = await registerRequest(requestBody('0000000000', { password: 'password123', passwordConfirm: 'password123' }));
    const differs = await registerRequest(requestBody('0000000000', { passwordConfirm: 'Stethoscope2026?' }));

    expect([weak.status, problemOf(weak)]).toEqual([400, 'validation-error']);
    expect(weak.body.error).toBe('Password must be at least 12 characters');
    expect(weak.body.errors.map((error: { message: string }) => error.message)).toEqual([
      'Password must be at least 12 characters',
      'Password must contain an uppercase letter',
      'Password must contain a symbol',
    ]);
    expect(differs.body).toMatchObject({ success: false, error: 'Les mots de passe ne correspondent pas' });
  });

  it('requires the clinic code, and answers 404 for a code that opens no clinic or a temporary code past its expiry', async () => {
    const clinic = await clinicWithAdmin();
    const { clinicCode: _, ...without } = requestBody('x');
    await dynamo().send(
      new UpdateCommand({
        TableName: stack().tableName,
        Key: { pk: `ORG#${clinic.created.clinic.id}`, sk: 'ORGANISATION' },
        // Time passing, which no API does.
        UpdateExpression: 'SET joinCode.temporaryCode.expiresAt = :past',
        ExpressionAttributeValues: { ':past': new Date(Date.now() - 60_000).toISOString() },
      }),
    );

    const missing = await registerRequest(without);
    const unknown = await registerRequest(requestBody('ZZZ-TEMP-00000000-0000'));
    const expired = await registerRequest(requestBody(clinic.code));

    expect(missing.body).toMatchObject({ success: false, error: 'Le code clinique est requis' });
    expect(missing.body.errors.map((error: { path: string }) => error.path)).toEqual(['clinicCode']);
    for (const response of [unknown, expired]) {
      expect([response.status, problemOf(response)]).toEqual([404, 'organisation-not-found']);
      expect(response.body).toMatchObject({ success: false, error: 'Code clinique invalide ou expiré' });
    }
  });

  it('answers an address already registered with 409', async () => {
    const clinic = await clinicWithAdmin();
    const first = await pendingAgent(clinic.code);

    const again = await registerRequest(requestBody(clinic.code, { email: first.body.email }));

    expect([again.status, problemOf(again)]).toEqual([409, 'email-taken']);
    expect(again.body).toMatchObject({ success: false });
  });
});

describe('the registration requests of a clinic', () => {
  it("lists the pending requests to the clinic's admin under the seed's column names", async () => {
    const clinic = await clinicWithAdmin();
    const agent = await pendingAgent(clinic.code);

    const response = await api('GET', `${BASE}/api/auth/registration-requests`, { token: clinic.admin.token });

    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      success: true,
      requests: [
        {
          id: agent.id,
          nom: 'Diallo',
          prenom: 'Awa',
          email: agent.body.email,
          telephone: '+221771234567',
          adresse: '12 rue des Palmiers, Dakar',
          role_souhaite: 'INFIRMIER',
          specialite: 'Pédiatrie',
          statut: 'pending',
          clinic_id: clinic.created.clinic.id,
          created_at: expect.any(String),
        },
      ],
      nextCursor: null,
    });
  });

  it('approves with no body: the agent is e-mailed and signs in to the clinic', async () => {
    const clinic = await clinicWithAdmin();
    const agent = await pendingAgent(clinic.code);

    const response = await review(agent.id, 'approve', clinic.admin.token);

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      success: true,
      message: 'Demande approuvée.',
      request: {
        id: agent.id,
        statut: 'approved',
        role: 'MEMBER',
        reviewed_by: clinic.admin.user.id,
        date_approbation: expect.any(String),
      },
    });
    const mail = await latestMail(agent.body.email, /est acceptée|was approved/);
    expect(mail.subject).toContain(clinic.body.clinicName);
    const session = await signIn(agent.body.email, agent.body.password);
    expect(session.user).toMatchObject({ id: agent.id, organisationId: clinic.created.clinic.id, role: 'MEMBER' });
    const listed = await api('GET', `${BASE}/api/auth/registration-requests`, { token: clinic.admin.token });
    expect(listed.body.requests).toEqual([]);
  });

  it('rejects with no body, or with a reason: the agent is e-mailed and joins nothing', async () => {
    const clinic = await clinicWithAdmin();
    const silent = await pendingAgent(clinic.code);
    const reasoned = await pendingAgent(clinic.code);

    const first = await review(silent.id, 'reject', clinic.admin.token);
    const second = await review(reasoned.id, 'reject', clinic.admin.token, { reason: 'Poste déjà pourvu' });

    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ success: true, message: 'Demande rejetée.', request: { id: silent.id, statut: 'rejected' } });
    expect(second.body.request).toMatchObject({ statut: 'rejected', raison: 'Poste déjà pourvu' });
    const mail = await latestMail(reasoned.body.email, /est refusée|was declined/);
    expect(mail.text).toContain('Poste déjà pourvu');
    expect(await getItem(`ORG#${clinic.created.clinic.id}`, `MEMBER#${silent.id}`)).toBeUndefined();
    const again = await review(silent.id, 'approve', clinic.admin.token);
    expect([again.status, problemOf(again)]).toEqual([409, 'join-request-not-pending']);
    expect(again.body).toMatchObject({ success: false, error: "Cette demande d'inscription a déjà été traitée" });
  });

  it("answers 404, not 403, for another clinic's request, which stays pending", async () => {
    const clinic = await clinicWithAdmin();
    const other = await clinicWithAdmin();
    const agent = await pendingAgent(clinic.code);

    const approve = await review(agent.id, 'approve', other.admin.token);
    const reject = await review(agent.id, 'reject', other.admin.token);

    for (const response of [approve, reject]) {
      expect([response.status, problemOf(response)]).toEqual([404, 'join-request-not-found']);
      expect(response.body).toMatchObject({ success: false, error: "Demande d'inscription introuvable" });
    }
    const listed = await api('GET', `${BASE}/api/auth/registration-requests`, { token: other.admin.token });
    expect(listed.body.requests).toEqual([]);
    expect(await getItem(`ORG#${clinic.created.clinic.id}`, `JOINREQ#${agent.id}`)).toMatchObject({ status: 'PENDING' });
    // Only the address verification sent at registration: no review was e-mailed.
    expect((await mailTo(agent.body.email)).map((mail) => mail.subject)).toEqual([expect.stringMatching(/Confirm/)]);
  });

  it('is for members who review requests: a pending agent is refused', async () => {
    const clinic = await clinicWithAdmin();
    const agent = await pendingAgent(clinic.code);
    const pending = await signIn(agent.body.email, agent.body.password);

    const response = await api('GET', `${BASE}/api/auth/registration-requests`, { token: pending.token });

    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ success: false });
  });
});

describe('deleting a clinic releases its temporary code', () => {
  it('frees the code for another clinic once the deletion job has run', async () => {
    const custom = `DEL-TEMP-${hex8()}-0007`;
    const clinic = await clinicWithAdmin({ customTempCode: custom });
    expect(await getItem(`JOINCODE#${custom}`, 'GUARD')).toMatchObject({ organisationId: clinic.created.clinic.id });

    const started = await api('DELETE', `/api/organisations/${clinic.created.clinic.id}`, { token: clinic.admin.token });
    expect(started.status).toBe(202);
    expect(await organisationGone(clinic.created.clinic.id)).toBe(true);

    expect(await getItem(`JOINCODE#${custom}`, 'GUARD')).toBeUndefined();
    const again = await createClinic(clinicBody({ customTempCode: custom }));
    expect(again.status).toBe(201);
    expect(again.body.temporaryCode.code).toBe(custom);
  });
});

describe('the clinic dialect documents', () => {
  it("serves its OpenAPI document, marked as a migration surface, with the seed's paths beneath its base", async () => {
    const response = await api('GET', `${BASE}/openapi.json`);

    expect(response.status).toBe(200);
    expect(response.body.info['x-migration-surface']).toMatchObject({ base: BASE, seed: '003-clinic-creation-analysis.md' });
    expect(Object.keys(response.body.paths)).toEqual(
      expect.arrayContaining([
        '/functions/v1/create-clinic',
        '/api/auth/register-request',
        '/api/auth/registration-requests',
        '/api/auth/registration-requests/{id}/approve',
        '/api/auth/registration-requests/{id}/reject',
      ]),
    );
    expect(response.body.servers[0].url).toMatch(/\/compat\/clinic$/);
    const docs = await api('GET', `${BASE}/docs`);
    expect(docs.status).toBe(200);
    expect(docs.text).toContain(`${BASE}/openapi.json`);
  });
});
