// `npm run bench -- --only dialects`: what a dialect route costs next to the canonical route it translates to
// (issue 17: at most 1.1×). Through the local gateway, alternating the two requests so both see the same stack, one
// pair per dialect:
// - seed 001's POST /compat/org-code/api/organizations/create {name} against Cabinet's POST /api/organisations {name};
// - seed 003's GET /compat/clinic/api/auth/registration-requests against Cabinet's GET
//   /api/organisations/{id}/join-requests, over the same pending requests;
// - seed 003's POST /compat/clinic/api/auth/register-request against Cabinet's POST /api/auth/register (join), both
//   to the same code that needs approval: an account and a pending request each;
// - seed 004's POST /compat/org-management/api/organizations {name, description} against Cabinet's
//   POST /api/organisations with the same body;
// - seed 002's POST /compat/dual-mode/api/auth/register (create) against Cabinet's POST /api/auth/register (create),
//   and its GET /compat/dual-mode/api/auth/me against Cabinet's GET /api/auth/me, with the same token.
import { randomUUID } from 'node:crypto';
import type { Stack } from './stack.ts';
import { ms, ratio, summarise, table, verdict } from './stats.ts';

export const DIALECT_BUDGET = 1.1;

type Reply = { status: number; body: any };

async function call(baseUrl: string, method: string, path: string, body?: unknown, token?: string): Promise<Reply> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: await response.json() };
}

const post = (baseUrl: string, path: string, body: unknown, token?: string) => call(baseUrl, 'POST', path, body, token);

/** One request, expected to answer `status`: what a sample times. */
interface Timed {
  label: string;
  send: (index: number) => Promise<void>;
}

/** A dialect route and the canonical route it translates to. */
interface Pair {
  canonical: Timed;
  dialect: Timed;
}

function expecting(label: string, status: number, request: (index: number) => Promise<Reply>): Timed {
  return {
    label,
    send: async (index) => {
      const reply = await request(index);
      if (reply.status !== status) throw new Error(`${label}: ${reply.status} ${JSON.stringify(reply.body)}`);
    },
  };
}

interface Context {
  baseUrl: string;
  run: string;
  /** register-cabinet's ADMIN. */
  token: string;
  organisationId: string;
}

const orgCode = async ({ baseUrl, run, token }: Context): Promise<Pair> => ({
  canonical: expecting('POST /api/organisations (canonical)', 201, (index) =>
    post(baseUrl, '/api/organisations', { name: `Canonical ${run} ${index}` }, token),
  ),
  dialect: expecting('POST /compat/org-code/api/organizations/create', 201, (index) =>
    post(baseUrl, '/compat/org-code/api/organizations/create', { name: `Dialect ${run} ${index}` }, token),
  ),
});

/** A clinic-like organisation (its code needs approval) with a few pending requests, listed both ways. */
async function clinic({ baseUrl, run, token, organisationId }: Context): Promise<Pair> {
  const policy = await call(baseUrl, 'PATCH', `/api/organisations/${organisationId}/join-code`, { requiresApproval: true }, token);
  if (policy.status !== 200) throw new Error(`join-code: ${policy.status} ${JSON.stringify(policy.body)}`);
  const code = (await call(baseUrl, 'GET', `/api/organisations/${organisationId}/join-code`, undefined, token)).body.code as string;
  for (let index = 0; index < 5; index++) {
    const joined = await post(baseUrl, '/api/auth/register', {
      registrationType: 'join',
      email: `bench.agent.${run}.${index}@example.org`,
      password: 'Cassius2025!',
      confirmPassword: 'Cassius2025!',
      fullName: 'Awa Diallo',
      organisationCode: code,
    });
    if (joined.status !== 202) throw new Error(`join: ${joined.status} ${JSON.stringify(joined.body)}`);
  }
  return {
    canonical: expecting('GET /api/organisations/{id}/join-requests (canonical)', 200, () =>
      call(baseUrl, 'GET', `/api/organisations/${organisationId}/join-requests`, undefined, token),
    ),
    dialect: expecting('GET /compat/clinic/api/auth/registration-requests', 200, () =>
      call(baseUrl, 'GET', '/compat/clinic/api/auth/registration-requests', undefined, token),
    ),
  };
}

/** The join code of the organisation `clinic` left needing approval. */
async function approvalCode({ baseUrl, token, organisationId }: Context): Promise<string> {
  const reply = await call(baseUrl, 'GET', `/api/organisations/${organisationId}/join-code`, undefined, token);
  if (reply.status !== 200 || reply.body.requiresApproval !== true)
    throw new Error(`join-code: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body.code as string;
}

async function clinicRegistration(context: Context): Promise<Pair> {
  const { baseUrl, run } = context;
  const code = await approvalCode(context);
  const email = (who: string, index: number) => `bench.${who}.${run}.${index < 0 ? `w${-index}` : index}@example.org`;
  return {
    canonical: expecting('POST /api/auth/register, join (canonical)', 202, (index) =>
      post(baseUrl, '/api/auth/register', {
        registrationType: 'join',
        email: email('join', index),
        password: 'Stethoscope2026!',
        confirmPassword: 'Stethoscope2026!',
        nom: 'Diallo',
        prenom: 'Awa',
        organisationCode: code,
      }),
    ),
    dialect: expecting('POST /compat/clinic/api/auth/register-request', 201, (index) =>
      post(baseUrl, '/compat/clinic/api/auth/register-request', {
        nom: 'Diallo',
        prenom: 'Awa',
        email: email('request', index),
        password: 'Stethoscope2026!',
        passwordConfirm: 'Stethoscope2026!',
        roleSouhaite: 'INFIRMIER',
        securityQuestions: {
          question1: { question: 'Nom de votre premier animal ?', answer: 'Rex' },
          question2: { question: 'Ville de naissance ?', answer: 'Thiès' },
        },
        clinicCode: code,
      }),
    ),
  };
}

const orgManagement = async ({ baseUrl, run, token }: Context): Promise<Pair> => ({
  canonical: expecting('POST /api/organisations (canonical)', 201, (index) =>
    post(baseUrl, '/api/organisations', { name: `Canonical 004 ${run} ${index}`, description: 'Created by super admin' }, token),
  ),
  dialect: expecting('POST /compat/org-management/api/organizations', 201, (index) =>
    post(
      baseUrl,
      '/compat/org-management/api/organizations',
      { name: `Dialect 004 ${run} ${index}`, description: 'Created by super admin' },
      token,
    ),
  ),
});

const dualModeRegister = async ({ baseUrl, run }: Context): Promise<Pair> => {
  const body = (who: string, index: number) => ({
    registrationType: 'create',
    email: `bench.002.${who}.${run}.${index < 0 ? `w${-index}` : index}@example.org`,
    password: 'Barrister2026!',
    confirmPassword: 'Barrister2026!',
    fullName: 'Layla Haddad',
  });
  return {
    canonical: expecting('POST /api/auth/register, create (canonical)', 201, (index) =>
      post(baseUrl, '/api/auth/register', { ...body('canonical', index), organisationName: `Canonical 002 ${run} ${index}` }),
    ),
    dialect: expecting('POST /compat/dual-mode/api/auth/register, create', 201, (index) =>
      post(baseUrl, '/compat/dual-mode/api/auth/register', { ...body('dialect', index), organizationName: `Dialect 002 ${run} ${index}` }),
    ),
  };
};

const dualModeMe = async ({ baseUrl, token }: Context): Promise<Pair> => ({
  canonical: expecting('GET /api/auth/me (canonical)', 200, () => call(baseUrl, 'GET', '/api/auth/me', undefined, token)),
  dialect: expecting('GET /compat/dual-mode/api/auth/me', 200, () =>
    call(baseUrl, 'GET', '/compat/dual-mode/api/auth/me', undefined, token),
  ),
});

const PAIRS: readonly ((context: Context) => Promise<Pair>)[] = [
  orgCode,
  clinic,
  clinicRegistration,
  orgManagement,
  dualModeRegister,
  dualModeMe,
];

async function measure(pair: Pair, options: { requests: number; warmup: number }) {
  for (let index = 0; index < options.warmup; index++) {
    await pair.canonical.send(-1 - index);
    await pair.dialect.send(-1 - index);
  }
  const samples = { canonical: [] as number[], dialect: [] as number[] };
  for (let index = 0; index < options.requests; index++) {
    // Alternate which goes first, so neither always follows the other's writes.
    const order = index % 2 === 0 ? (['canonical', 'dialect'] as const) : (['dialect', 'canonical'] as const);
    for (const which of order) {
      const started = performance.now();
      await pair[which].send(index);
      samples[which].push(performance.now() - started);
    }
  }
  return { canonical: summarise(samples.canonical), dialect: summarise(samples.dialect) };
}

export async function runDialects(stack: Stack, options: { requests: number; warmup: number }) {
  const { baseUrl } = stack.info;
  const run = randomUUID().slice(0, 8);
  const registered = await post(baseUrl, '/api/auth/register-cabinet', {
    organisationName: `Bench dialects ${run}`,
    username: `bench.dialects.${run}`,
    password: 'Cassius2025!',
    nom: 'Martin',
    prenom: 'Jean',
  });
  if (registered.status !== 201) throw new Error(`register-cabinet: ${registered.status}`);
  const context: Context = {
    baseUrl,
    run,
    token: registered.body.token as string,
    organisationId: registered.body.organisation.id as string,
  };
  const rows: string[][] = [];
  const verdicts: string[] = [];
  const failures: string[] = [];
  for (const makePair of PAIRS) {
    const pair = await makePair(context);
    const { canonical: c, dialect: d } = await measure(pair, options);
    const cost = d.p50 / c.p50;
    const ok = cost <= DIALECT_BUDGET;
    rows.push([pair.canonical.label, String(c.n), ms(c.p50), ms(c.p99), ms(c.mean)]);
    rows.push([pair.dialect.label, String(d.n), ms(d.p50), ms(d.p99), ms(d.mean)]);
    verdicts.push(`Budget  ${pair.dialect.label}: p50 ≤ ${DIALECT_BUDGET}× canonical p50: ${ratio(cost)} → ${verdict(ok)}`);
    if (!ok) failures.push(`${pair.dialect.label} costs ${ratio(cost)} its canonical route (budget ${DIALECT_BUDGET}×)`);
  }
  const text = [table(['route', 'n', 'p50', 'p99', 'mean'], rows), ...verdicts].join('\n');
  return { text, failures };
}
