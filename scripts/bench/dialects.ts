// `npm run bench -- --only dialects`: what a dialect route costs next to the canonical route it translates to
// (issue 17: at most 1.1×). Through the local gateway, alternating each pair's two requests so both see the same
// stack. One pair per dialect, its representative route (PAIRS): seed 001's POST /compat/org-code/api/organizations/create
// {name} and seed 004's POST /compat/org-management/api/organizations {name, description}, each against Cabinet's
// POST /api/organisations with the same body.
import { randomUUID } from 'node:crypto';
import type { Stack } from './stack.ts';
import { ms, ratio, summarise, table, verdict } from './stats.ts';

export const DIALECT_BUDGET = 1.1;

interface Pair {
  /** The dialect's route, as the table shows it. */
  label: string;
  path: string;
  /** The bodies of the dialect's request and of its canonical one (POST /api/organisations). */
  dialect: (name: string) => unknown;
  canonical: (name: string) => unknown;
}

const PAIRS: readonly Pair[] = [
  {
    label: 'POST /compat/org-code/api/organizations/create',
    path: '/compat/org-code/api/organizations/create',
    dialect: (name) => ({ name }),
    canonical: (name) => ({ name }),
  },
  {
    label: 'POST /compat/org-management/api/organizations',
    path: '/compat/org-management/api/organizations',
    dialect: (name) => ({ name, description: 'Created by super admin' }),
    canonical: (name) => ({ name, description: 'Created by super admin' }),
  },
];

async function post(baseUrl: string, path: string, body: unknown, token?: string): Promise<{ status: number; body: any }> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

async function runPair(baseUrl: string, token: string, pair: Pair, run: string, options: { requests: number; warmup: number }) {
  const canonical = async (index: number) => {
    const reply = await post(baseUrl, '/api/organisations', pair.canonical(`Canonical ${run} ${index}`), token);
    if (reply.status !== 201) throw new Error(`POST /api/organisations: ${reply.status} ${JSON.stringify(reply.body)}`);
  };
  const dialect = async (index: number) => {
    const reply = await post(baseUrl, pair.path, pair.dialect(`Dialect ${run} ${index}`), token);
    if (reply.status !== 201) throw new Error(`${pair.label}: ${reply.status} ${JSON.stringify(reply.body)}`);
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
  return { canonical: summarise(samples.canonical), dialect: summarise(samples.dialect) };
}

export async function runDialects(stack: Stack, options: { requests: number; warmup: number }) {
  const { baseUrl } = stack.info;
  const rows: string[][] = [];
  const verdicts: string[] = [];
  const failures: string[] = [];
  for (const [index, pair] of PAIRS.entries()) {
    // A cabinet of its own per pair (organisation creation is rate limited per account).
    const run = `${randomUUID().slice(0, 8)}-${index}`;
    const registered = await post(baseUrl, '/api/auth/register-cabinet', {
      organisationName: `Bench dialects ${run}`,
      username: `bench.dialects.${run}`,
      password: 'Cassius2025!',
      nom: 'Martin',
      prenom: 'Jean',
    });
    if (registered.status !== 201) throw new Error(`register-cabinet: ${registered.status}`);
    const { canonical: c, dialect: d } = await runPair(baseUrl, registered.body.token as string, pair, run, options);
    const cost = d.p50 / c.p50;
    const ok = cost <= DIALECT_BUDGET;
    rows.push(['POST /api/organisations (canonical)', String(c.n), ms(c.p50), ms(c.p99), ms(c.mean)]);
    rows.push([pair.label, String(d.n), ms(d.p50), ms(d.p99), ms(d.mean)]);
    verdicts.push(`Budget  ${pair.label} p50 ≤ ${DIALECT_BUDGET}× canonical p50: ${ratio(cost)} → ${verdict(ok)}`);
    if (!ok) failures.push(`${pair.label} costs ${ratio(cost)} its canonical route (budget ${DIALECT_BUDGET}×)`);
  }
  const text = [table(['route', 'n', 'p50', 'p99', 'mean'], rows), ...verdicts].join('\n');
  return { text, failures };
}
