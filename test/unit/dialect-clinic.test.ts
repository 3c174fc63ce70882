// Seed 003's own rules in the clinic dialect: the register-request fields and security questions, and what reaches
// Cabinet's use case (never the security answers).
import { describe, expect, it } from 'vitest';
import { dialects } from '#dialects';
import { clinicSeedError } from '#dialects/clinic/seed-error';
import { registerRequestInput, requestView } from '#dialects/clinic/translate';
import { isRefusal } from '#domain/refusal';
import * as refusals from '#domain/refusals';
import { parseWith } from '#http/validation';
import { allRouteList } from '#routes';
import { clinicExamples, createClinicBody, registerRequestBody, SECURITY_QUESTION_MESSAGES } from '#schemas/dialect-clinic';
import { resolve } from '#schemas/lazy';
import { dialectDocument } from '../../functions/openapi/document.ts';

const errorsOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (isRefusal(error, 'validation-error')) return error.details.fields ?? [];
    throw error;
  }
  return [];
};

// The seed's register-request body (section 2.1), with a password Cabinet's policy accepts.
const request = {
  nom: 'Diallo',
  prenom: 'Awa',
  email: 'Awa.Diallo@Example.org',
  password: 'Stethoscope2026!',
  passwordConfirm: 'Stethoscope2026!',
  telephone: '+221 77 123 45 67',
  adresse: '12 rue des Palmiers, Dakar',
  roleSouhaite: 'INFIRMIER',
  specialite: 'Pédiatrie',
  securityQuestions: {
    question1: { question: 'Nom de votre premier animal ?', answer: 'Rex' },
    question2: { question: 'Ville de naissance ?', answer: 'Thiès' },
    question3: { question: 'Prénom de votre grand-mère ?', answer: 'Fatou' },
  },
  clinicCode: 'cli-temp-1a2b3c4d-0042',
};

const parse = (body: unknown) => parseWith(registerRequestBody(), body);

describe('register-request body', () => {
  it('accepts the seed example, upper-casing the clinic code and lower-casing the e-mail', () => {
    const body = parse(request);
    expect(body.clinicCode).toBe('CLI-TEMP-1A2B3C4D-0042');
    expect(body.email).toBe('awa.diallo@example.org');
    expect(parse({ ...request, clinicCode: ' 0123456789 ' }).clinicCode).toBe('0123456789');
  });

  it('refuses fewer than 2 security questions, and the same question twice (spacing and case aside)', () => {
    const one = { question1: request.securityQuestions.question1 };
    expect(errorsOf(() => parse({ ...request, securityQuestions: one }))).toEqual([
      { path: 'securityQuestions', message: SECURITY_QUESTION_MESSAGES.min },
    ]);
    const twice = {
      question1: { question: 'Ville de naissance ?', answer: 'Thiès' },
      question2: { question: '  ville de  NAISSANCE ? ', answer: 'Dakar' },
    };
    expect(errorsOf(() => parse({ ...request, securityQuestions: twice }))).toEqual([
      { path: 'securityQuestions', message: SECURITY_QUESTION_MESSAGES.duplicate },
    ]);
  });

  it("states which of Cabinet's password rules failed, and a confirmation that differs", () => {
    expect(errorsOf(() => parse({ ...request, password: 'password123', passwordConfirm: 'password123' })).map((e) => e.message)).toEqual([
      'Password must be at least 12 characters',
      'Password must contain an uppercase letter',
      'Password must contain a symbol',
    ]);
    expect(errorsOf(() => parse({ ...request, passwordConfirm: 'Stethoscope2026?' }))).toEqual([
      { path: 'passwordConfirm', message: 'Les mots de passe ne correspondent pas' },
    ]);
  });

  it('requires the clinic code and refuses one in neither format', () => {
    const { clinicCode: _, ...without } = request;
    expect(errorsOf(() => parse(without)).map((e) => e.path)).toEqual(['clinicCode']);
    expect(errorsOf(() => parse({ ...request, clinicCode: 'CLINIQUE-42' }))).toEqual([
      { path: 'clinicCode', message: 'Code clinique invalide' },
    ]);
  });
});

describe('register-request to a Cabinet join', () => {
  it('passes the applicant and their stated role on, and never the security questions', () => {
    const { input, extras } = registerRequestInput(parse(request));
    expect(input).toMatchObject({
      registrationType: 'join',
      email: 'awa.diallo@example.org',
      nom: 'Diallo',
      prenom: 'Awa',
      phone: '+221771234567',
      location: '12 rue des Palmiers, Dakar',
      specialization: 'Pédiatrie',
      organisationCode: 'CLI-TEMP-1A2B3C4D-0042',
    });
    expect(extras).toEqual({ desiredRole: 'INFIRMIER' });
    const carried = JSON.stringify({ input, extras });
    for (const secret of ['Rex', 'Thiès', 'Fatou', 'securityQuestions', 'premier animal']) expect(carried).not.toContain(secret);
  });

  it('shows a join request under the seed column names', () => {
    const view = requestView(
      {
        userId: 'u-1',
        nom: 'Diallo',
        prenom: 'Awa',
        email: 'awa.diallo@example.org',
        phone: '+221771234567',
        desiredRole: 'INFIRMIER',
        status: 'APPROVED',
        role: 'MEMBER',
        reviewedBy: 'admin-1',
        reviewedAt: '2026-12-07T08:00:00.000Z',
        createdAt: '2026-12-07T07:00:00.000Z',
      },
      'org-1',
    );
    expect(view).toEqual({
      id: 'u-1',
      nom: 'Diallo',
      prenom: 'Awa',
      email: 'awa.diallo@example.org',
      telephone: '+221771234567',
      role_souhaite: 'INFIRMIER',
      statut: 'approved',
      clinic_id: 'org-1',
      created_at: '2026-12-07T07:00:00.000Z',
      role: 'MEMBER',
      reviewed_by: 'admin-1',
      reviewed_at: '2026-12-07T08:00:00.000Z',
      date_approbation: '2026-12-07T08:00:00.000Z',
    });
  });
});

describe('create-clinic body', () => {
  it('defaults the validity to 72 hours and checks a custom temporary code against the format', () => {
    const base = { clinicName: 'Clinique du Lac', adminEmail: 'admin@lac.example', adminName: 'Ndiaye', adminPrenom: 'Moussa' };
    expect(parseWith(createClinicBody(), base).validityHours).toBe(72);
    expect(parseWith(createClinicBody(), { ...base, customTempCode: 'lac-temp-00ff00ff-1234' }).customTempCode).toBe(
      'LAC-TEMP-00FF00FF-1234',
    );
    expect(errorsOf(() => parseWith(createClinicBody(), { ...base, customTempCode: 'LAC-1234' })).map((e) => e.path)).toEqual([
      'customTempCode',
    ]);
    expect(errorsOf(() => parseWith(createClinicBody(), { ...base, validityHours: 0 })).map((e) => e.path)).toEqual(['validityHours']);
  });
});

describe('the clinic document', () => {
  const routes = allRouteList.filter((route) => route.dialect === 'clinic');
  const examples = clinicExamples();

  it("has a valid example of every request and success body, from the seed's own values", () => {
    let checked = 0;
    for (const route of routes) {
      const routeExamples = examples[route.name];
      expect(routeExamples, route.name).toBeDefined();
      for (const example of Object.values(routeExamples?.request ?? {})) {
        if (!route.body) throw new Error(`${route.name} has a request example but no body`);
        parseWith(resolve(route.body), example.value);
        checked++;
      }
      for (const [status, byName] of Object.entries(routeExamples?.responses ?? {})) {
        const schema = route.responses[Number(status)]?.schema;
        if (!schema) throw new Error(`${route.name} ${status} has an example but no schema`);
        for (const example of Object.values(byName)) {
          parseWith(resolve(schema), example.value);
          checked++;
        }
      }
    }
    expect(checked).toBe(8);
  });

  it("lists the refusals only its routes answer (create-clinic's temporary-code-taken), in the seed's envelope", () => {
    const document = dialectDocument('clinic', { serverUrl: 'https://api.example.org' }) as Record<string, any>;
    const create = document.paths['/functions/v1/create-clinic'].post;
    expect(JSON.stringify(create.responses[409])).toContain('urn:cabinet:problem:temporary-code-taken');
    expect(document.components.schemas.ClinicError.properties).toMatchObject({ success: { const: false }, error: { type: 'string' } });
    // The seed's approve and reject have no body: optional here.
    expect(document.paths['/api/auth/registration-requests/{id}/approve'].post.requestBody.required).toBe(false);
    expect(create.requestBody.required).toBe(true);
  });

  it('states every difference on purpose, and nothing else', () => {
    expect(dialects.clinic.differences).toHaveLength(6);
    expect(document().info.description).toContain('Security questions are checked');
  });
});

const document = () => dialectDocument('clinic', { serverUrl: 'https://api.example.org' }) as Record<string, any>;

describe("seed 003's error envelope", () => {
  it("answers { success: false, error } with a field's own message, else the seed's French words", () => {
    expect(clinicSeedError(refusals.validationError([{ path: 'clinicCode', message: 'Le code clinique est requis' }]))).toEqual({
      success: false,
      error: 'Le code clinique est requis',
    });
    // Cabinet's validation says a missing field "is required"; the seed's client reads its own words for the code.
    expect(clinicSeedError(refusals.validationError([{ path: 'clinicCode', message: 'clinicCode is required' }])).error).toBe(
      'Le code clinique est requis',
    );
    expect(clinicSeedError(refusals.validationError([{ path: 'nom', message: 'nom is required' }])).error).toBe('nom is required');
    expect(clinicSeedError(refusals.organisationNotFound({ joinCode: true }))).toEqual({
      success: false,
      error: 'Code clinique invalide ou expiré',
    });
    expect(clinicSeedError(refusals.joinRequestNotFound()).error).toBe("Demande d'inscription introuvable");
  });
});
