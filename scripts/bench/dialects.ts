// `npm run bench -- --only dialects`: what a dialect route costs next to the canonical route it translates to
// (issue 17: at most 1.1×). Through the local gateway, alternating the two requests so both see the same stack:
// seed 001's POST /compat/org-code/api/organizations/create {name} against Cabinet's POST /api/organisations {name}.
import { randomUUID } from 'node:crypto';
import type { Stack } from './stack.ts';
import { ms, ratio, summarise, table, verdict } from './stats.ts';

export const DIALECT_BUDGET = 1.1;

async function post(baseUrl: string, path: string, body: unknown, token?: string): Promise<{ status: number; body: any }> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
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
  const token = registered.body.token as string;
  const canonical = async (index: number) => {
    const reply = await post(baseUrl, '/api/organisations', { name: `Canonical ${run} ${index}` }, token);
    if (reply.status !== 201) throw new Error(`POST /api/organisations: ${reply.status} ${JSON.stringify(reply.body)}`);
  };
  const dialect = async (index: number) => {
    const reply = await post(baseUrl, '/compat/org-code/api/organizations/create', { name: `Dialect ${run} ${index}` }, token);
    if (reply.status !== 201) throw new Error(`org-code create: ${reply.status} ${JSON.stringify(reply.body)}`);
  };
  for (let index = 0; index < options.warmup; index++) {
    await canonical(-1 - index);
    await dialect(-1 - index);
  }
  const samples = { canonical: [] as number[], dialect: [] as number[] };
  for (let index = 0; index < options.requests; index++) {
    // Alternate which goes first, so neither always follows the other's writes.
    const order = index % 2 === 0 ? (['canonical', 'dialect'] as const) : (['dialect', 'canonical'] as const);
    for (const which of order) {
      const started = performance.now();
      await (which === 'canonical' ? canonical(index) : dialect(index));
      samples[which].push(performance.now() - started);
    }
  }
  const c = summarise(samples.canonical);
  const d = summarise(samples.dialect);
  const cost = d.p50 / c.p50;
  const ok = cost <= DIALECT_BUDGET;
  const text = [
    table(
      ['route', 'n', 'p50', 'p99', 'mean'],
      [
        ['POST /api/organisations (canonical)', String(c.n), ms(c.p50), ms(c.p99), ms(c.mean)],
        ['POST /compat/org-code/api/organizations/create', String(d.n), ms(d.p50), ms(d.p99), ms(d.mean)],
      ],
    ),
    `Budget  dialect p50 ≤ ${DIALECT_BUDGET}× canonical p50: ${ratio(cost)} → ${verdict(ok)}`,
  ].join('\n');
  return { text, failures: ok ? [] : [`dialect route costs ${ratio(cost)} its canonical route (budget ${DIALECT_BUDGET}×)`] };
}
