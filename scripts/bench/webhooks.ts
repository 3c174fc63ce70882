// Webhook delivery latency on the local stack: from a patient's creating request being sent to its delivery reaching
// a receiver on 127.0.0.1 (the commit, the stream read, the fan-out, the signed POST). Budget: p50 within 5 s.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Stack } from './stack.ts';
import { ms, percentile, summarise, table, verdict } from './stats.ts';

const DELIVERY_BUDGET_MS = 5000;

async function json(url: string, init: RequestInit): Promise<{ status: number; body: any }> {
  const response = await fetch(url, init);
  return { status: response.status, body: await response.json().catch(() => undefined) };
}

export async function runWebhooks(stack: Stack, options: { deliveries: number }): Promise<{ text: string; failures: string[] }> {
  const arrived = new Map<string, number>();
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const patientId = JSON.parse(body)?.data?.patientId;
      if (typeof patientId === 'string' && !arrived.has(patientId)) arrived.set(patientId, performance.now());
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const base = stack.info.baseUrl;
  try {
    const id = Math.random().toString(36).slice(2, 10);
    const registered = await json(`${base}/api/auth/register-cabinet`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        organisationName: `Bench webhooks ${id}`,
        username: `bench.${id}`,
        password: 'Cassius2025!',
        nom: 'Bench',
        prenom: 'W',
      }),
    });
    const token = registered.body.token as string;
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const hook = await json(`${base}/api/organisations/${registered.body.organisation.id}/webhooks`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ url: `http://127.0.0.1:${port}/bench`, eventTypes: ['patient.created'] }),
    });
    if (hook.status !== 201) throw new Error(`webhook registration answered ${hook.status}`);
    const latencies: number[] = [];
    const writes: number[] = [];
    for (let index = 0; index < options.deliveries; index++) {
      const sent = performance.now();
      const created = await json(`${base}/api/patients`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ nom: 'Bench', prenom: `P${index}` }),
      });
      writes.push(performance.now() - sent);
      const patientId = created.body.id as string;
      const deadline = performance.now() + 30_000;
      while (!arrived.has(patientId) && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
      const at = arrived.get(patientId);
      latencies.push(at === undefined ? Number.POSITIVE_INFINITY : at - sent);
    }
    const delivery = summarise(latencies);
    const write = summarise(writes);
    const p50 = percentile(latencies, 50);
    const ok = p50 <= DELIVERY_BUDGET_MS;
    const text = table(
      ['measure', 'n', 'p50', 'p99', 'max', 'budget', 'verdict'],
      [
        [
          'POST /api/patients (change + its event, one transaction)',
          String(write.n),
          ms(write.p50, 1),
          ms(write.p99, 1),
          ms(write.max, 1),
          '',
          '',
        ],
        [
          'change sent → delivery received',
          String(delivery.n),
          ms(delivery.p50, 1),
          ms(delivery.p99, 1),
          ms(delivery.max, 1),
          `p50 ≤ ${DELIVERY_BUDGET_MS}`,
          verdict(ok),
        ],
      ],
    );
    return { text, failures: ok ? [] : [`webhook delivery p50 ${ms(p50, 0)} ms > ${DELIVERY_BUDGET_MS} ms`] };
  } finally {
    server.close();
  }
}
