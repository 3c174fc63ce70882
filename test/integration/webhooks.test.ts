// Webhooks over HTTP with a real receiver (an http server of this test on 127.0.0.1, the local-only loopback
// setting): registration and its SSRF guard, signed deliveries (verified with the Standard Webhooks algorithm),
// retries with the compressed schedule, nothing lost while the receiver is down, rotation, disabling, isolation.
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, problemOf, registerCabinet } from '#test/api';
import { organisationGone } from '#test/deletion';
import { partition } from '#test/emulators';
import { registerVerifiedCabinet, waitForMail } from '#test/mail';
import { orgPath } from '#test/members';
import { poll } from '#test/wait';
import { verifyWebhook } from '../../clients/typescript/src/webhooks.ts';

interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A receiver: records every request, answers what `answer` says for its path (200 by default). */
class Receiver {
  readonly received: Received[] = [];
  answers = new Map<string, (count: number) => number>();
  private server: Server | undefined;
  port = 0;

  async start(port = 0): Promise<void> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const path = request.url ?? '/';
        this.received.push({ path, headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
        const count = this.received.filter((r) => r.path === path).length;
        response.writeHead(this.answers.get(path)?.(count) ?? 200, { 'content-type': 'text/plain' });
        response.end('x'.repeat(4096));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  at(path: string): Received[] {
    return this.received.filter((r) => r.path === path);
  }

  /** Waits until `path` received deliveries for which `done` holds. */
  async until(path: string, done: (received: Received[]) => boolean, ms = 20_000): Promise<Received[]> {
    return poll(() => this.at(path), done, { ms, every: 50 });
  }
}

const receiver = new Receiver();
beforeAll(() => receiver.start());
afterAll(() => receiver.stop());

let pathCount = 0;
const freshPath = () => `/hook-${++pathCount}-${Math.random().toString(36).slice(2, 8)}`;

async function register(cabinet: { token: string; organisation: { id: string } }, path: string, eventTypes: string[]) {
  const response = await api('POST', orgPath(cabinet as never, '/webhooks'), {
    token: cabinet.token,
    body: { url: receiver.url(path), eventTypes, description: 'Agenda sync' },
  });
  expect(response.status).toBe(201);
  return response.body as { id: string; secret: string; status: string };
}

const createPatient = (token: string, body: Record<string, unknown> = { nom: 'Durand', prenom: 'Élise' }) =>
  api('POST', '/api/patients', { token, body });

/** The Standard Webhooks signature, computed here from the specification (base64 key after whsec_, HMAC-SHA256). */
const specSignature = (secret: string, id: string, timestamp: string, body: string) =>
  `v1,${createHmac('sha256', Buffer.from(secret.slice('whsec_'.length), 'base64'))
    .update(`${id}.${timestamp}.${body}`)
    .digest('base64')}`;

const PATIENT = {
  nom: 'Lefèvre',
  prenom: 'Anaïs',
  email: 'anais.lefevre@example.org',
  telephone: '+33612345678',
  notes: 'Diabète de type 1',
};

describe('POST /api/organisations/{id}/webhooks', () => {
  it('answers the secret once, never again', async () => {
    const cabinet = await registerCabinet();
    const created = await register(cabinet, freshPath(), ['patient.created']);
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(created.status).toBe('ENABLED');

    const listed = await api('GET', orgPath(cabinet as never, '/webhooks'), { token: cabinet.token });
    const one = await api('GET', orgPath(cabinet as never, `/webhooks/${created.id}`), { token: cabinet.token });

    expect(listed.body.items).toHaveLength(1);
    expect(listed.text).not.toContain(created.secret);
    expect(one.text).not.toContain(created.secret);
    expect(one.body).not.toHaveProperty('secret');
  });

  it('refuses URLs that could reach internal addresses, or not over https:443', async () => {
    const cabinet = await registerCabinet();
    const refused = [
      'http://10.0.0.1/hook',
      'https://10.0.0.1/hook',
      'https://127.0.0.1/hook',
      'https://169.254.169.254/latest/meta-data/',
      'https://[::1]/hook',
      'https://[fd00:ec2::254]/hook',
      'https://[::ffff:192.168.1.1]/hook',
      'https://192.168.1.20/hook',
      'https://localhost/hook',
      'https://93.184.215.14:8443/hook',
      'https://user:pass@93.184.215.14/hook',
      'ftp://93.184.215.14/hook',
      'http://127.0.0.1/no-port',
      'not a url',
    ];
    for (const url of refused) {
      const response = await api('POST', orgPath(cabinet as never, '/webhooks'), {
        token: cabinet.token,
        body: { url, eventTypes: ['member.added'] },
      });
      expect(response.status, url).toBe(400);
      expect(problemOf(response)).toBe('validation-error');
      expect(response.body.errors.map((error: { path: string }) => error.path)).toEqual(['url']);
    }
    const listed = await api('GET', orgPath(cabinet as never, '/webhooks'), { token: cabinet.token });
    expect(listed.body.items).toEqual([]);
  });

  it('allows at most 10 endpoints per organisation', async () => {
    const cabinet = await registerCabinet();
    for (let index = 0; index < 10; index++) await register(cabinet, freshPath(), ['member.added']);
    const eleventh = await api('POST', orgPath(cabinet as never, '/webhooks'), {
      token: cabinet.token,
      body: { url: receiver.url('/eleventh'), eventTypes: ['member.added'] },
    });
    expect(eleventh.status).toBe(409);
    expect(problemOf(eleventh)).toBe('webhook-limit-reached');
    const listed = await api('GET', orgPath(cabinet as never, '/webhooks'), { token: cabinet.token });
    const [first] = listed.body.items;
    expect((await api('DELETE', orgPath(cabinet as never, `/webhooks/${first.id}`), { token: cabinet.token })).status).toBe(204);
    await register(cabinet, freshPath(), ['member.added']);
  });

  it("answers 404 for another organisation's endpoint", async () => {
    const cabinet = await registerCabinet();
    const other = await registerCabinet();
    const theirs = await register(other, freshPath(), ['member.added']);
    for (const [method, path] of [
      ['GET', `/webhooks/${theirs.id}`],
      ['PATCH', `/webhooks/${theirs.id}`],
      ['DELETE', `/webhooks/${theirs.id}`],
      ['POST', `/webhooks/${theirs.id}/rotate-secret`],
      ['GET', `/webhooks/${theirs.id}/deliveries`],
      ['POST', `/webhooks/${theirs.id}/test`],
    ] as const) {
      const response = await api(method, orgPath(cabinet as never, path), {
        token: cabinet.token,
        ...(method === 'PATCH' ? { body: { description: 'x' } } : {}),
      });
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(problemOf(response)).toBe('webhook-not-found');
    }
    const foreign = await api('GET', orgPath(other, '/webhooks'), { token: cabinet.token });
    expect(foreign.status).toBe(404);
  });
});

describe('deliveries', () => {
  it('sends each subscribed event, signed by the Standard Webhooks algorithm, with ids and field names only', async () => {
    const cabinet = await registerCabinet();
    const path = freshPath();
    const hook = await register(cabinet, path, ['patient.created', 'patient.updated']);
    const created = await createPatient(cabinet.token, PATIENT);
    await api('PATCH', `/api/patients/${created.body.id}`, { token: cabinet.token, body: { telephone: '+33699999999' } });

    const received = await receiver.until(path, (r) => r.length >= 2);

    expect(received).toHaveLength(2);
    const events = (await api('GET', orgPath(cabinet as never, '/events?types=patient.created,patient.updated'), { token: cabinet.token }))
      .body.items;
    for (const delivery of received) {
      const id = String(delivery.headers['webhook-id']);
      const timestamp = String(delivery.headers['webhook-timestamp']);
      expect(String(delivery.headers['webhook-signature']).split(' ')).toContain(specSignature(hook.secret, id, timestamp, delivery.body));
      const payload = await verifyWebhook<{ type: string; id: string; data: Record<string, unknown> }>(hook.secret, delivery.body, {
        'webhook-id': id,
        'webhook-timestamp': timestamp,
        'webhook-signature': String(delivery.headers['webhook-signature']),
      });
      expect(payload.id).toBe(id);
      // And by the specification's reference implementation (npm standardwebhooks).
      expect(new StandardWebhook(hook.secret).verify(delivery.body, delivery.headers as Record<string, string>)).toEqual(payload);
      expect(events.map((event: { id: string }) => event.id)).toContain(id);
      for (const value of Object.values(PATIENT)) expect(delivery.body).not.toContain(value);
    }
    const types = received.map((delivery) => JSON.parse(delivery.body).type).sort();
    expect(types).toEqual(['patient.created', 'patient.updated']);
    const updated = received.map((delivery) => JSON.parse(delivery.body)).find((body) => body.type === 'patient.updated');
    expect(updated).toEqual({
      type: 'patient.updated',
      timestamp: expect.any(String),
      id: expect.any(String),
      organisationId: cabinet.organisation.id,
      data: { actorId: cabinet.user.id, patientId: created.body.id, changes: ['telephone'] },
    });
    // A tampered body fails the same verification.
    const [first] = received;
    await expect(
      verifyWebhook(hook.secret, `${first?.body} `, {
        'webhook-id': String(first?.headers['webhook-id']),
        'webhook-timestamp': String(first?.headers['webhook-timestamp']),
        'webhook-signature': String(first?.headers['webhook-signature']),
      }),
    ).rejects.toThrow('no matching signature');
  });

  it('retries a failing receiver with the same webhook-id, and lists each attempt', async () => {
    const cabinet = await registerCabinet();
    const path = freshPath();
    receiver.answers.set(path, (count) => (count <= 2 ? 503 : 204));
    const hook = await register(cabinet, path, ['patient.created']);
    await createPatient(cabinet.token);

    const received = await receiver.until(path, (r) => r.length >= 3);

    expect(received).toHaveLength(3);
    expect(new Set(received.map((r) => r.headers['webhook-id'])).size).toBe(1);
    const deliveries = await poll(
      async () => (await api('GET', orgPath(cabinet as never, `/webhooks/${hook.id}/deliveries`), { token: cabinet.token })).body,
      (body) => body.items?.length >= 3,
    );
    expect(
      deliveries.items.map((a: { attempt: number; statusCode: number; outcome: string }) => [a.attempt, a.statusCode, a.outcome]),
    ).toEqual([
      [3, 204, 'succeeded'],
      [2, 503, 'failed'],
      [1, 503, 'failed'],
    ]);
    expect(deliveries.items[1].nextAttemptAt).toEqual(expect.any(String));
    expect(deliveries.items[0].nextAttemptAt).toBeNull();
    expect(JSON.stringify(deliveries)).not.toContain('xxxx');
  });

  it('loses nothing while the receiver is down: every event arrives once it is back', async () => {
    const cabinet = await registerCabinet();
    const down = new Receiver();
    await down.start();
    const path = '/down';
    const response = await api('POST', orgPath(cabinet as never, '/webhooks'), {
      token: cabinet.token,
      body: { url: down.url(path), eventTypes: ['patient.created'] },
    });
    expect(response.status).toBe(201);
    const port = down.port;
    await down.stop();
    const ids: string[] = [];
    for (const nom of ['Un', 'Deux', 'Trois']) ids.push((await createPatient(cabinet.token, { nom, prenom: 'P' })).body.id);
    // The receiver refuses connections for a while: the first attempts fail.
    await poll(
      async () =>
        (await api('GET', orgPath(cabinet as never, `/webhooks/${response.body.id}/deliveries`), { token: cabinet.token })).body.items,
      (items) => items.length >= 3,
    );
    await down.start(port);
    try {
      const received = await down.until(path, (r) => new Set(r.map((d) => JSON.parse(d.body).data.patientId)).size >= 3, 25_000);
      expect(new Set(received.map((d) => JSON.parse(d.body).data.patientId))).toEqual(new Set(ids));
    } finally {
      await down.stop();
    }
  });

  it('signs with both secrets for 24 h after a rotation', async () => {
    const cabinet = await registerCabinet();
    const path = freshPath();
    const hook = await register(cabinet, path, ['patient.created']);
    const rotated = await api('POST', orgPath(cabinet as never, `/webhooks/${hook.id}/rotate-secret`), { token: cabinet.token });
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(hook.secret);
    expect(Date.parse(rotated.body.previousSecretExpiresAt) - Date.now()).toBeGreaterThan(23 * 3600 * 1000);
    await createPatient(cabinet.token);

    const [delivery] = await receiver.until(path, (r) => r.length >= 1);

    const signatures = String(delivery?.headers['webhook-signature']).split(' ');
    expect(signatures).toHaveLength(2);
    const id = String(delivery?.headers['webhook-id']);
    const timestamp = String(delivery?.headers['webhook-timestamp']);
    expect(signatures).toEqual([
      specSignature(rotated.body.secret, id, timestamp, delivery?.body ?? ''),
      specSignature(hook.secret, id, timestamp, delivery?.body ?? ''),
    ]);
  });

  it('delivers a test event to that endpoint alone, and not to the events list', async () => {
    const cabinet = await registerCabinet();
    const path = freshPath();
    const hook = await register(cabinet, path, ['member.added']);
    const tested = await api('POST', orgPath(cabinet as never, `/webhooks/${hook.id}/test`), { token: cabinet.token });
    expect(tested.status).toBe(202);
    const [delivery] = await receiver.until(path, (r) => r.length >= 1);
    expect(delivery?.headers['webhook-id']).toBe(tested.body.eventId);
    expect(JSON.parse(delivery?.body ?? '{}')).toMatchObject({ type: 'webhook.test', data: { webhookId: hook.id } });
    const events = await api('GET', orgPath(cabinet as never, '/events?types=webhook.test'), { token: cabinet.token });
    expect(events.body.items).toEqual([]);
  });

  it('disables the endpoint after the last failed attempt, audits it and e-mails the admins', async () => {
    const cabinet = await registerVerifiedCabinet();
    const path = freshPath();
    receiver.answers.set(path, () => 500);
    const hook = await register(cabinet, path, ['patient.created']);
    await createPatient(cabinet.token);

    const endpoint = await poll(
      async () => (await api('GET', orgPath(cabinet as never, `/webhooks/${hook.id}`), { token: cabinet.token })).body,
      (body) => body.status === 'DISABLED',
      { ms: 45_000, every: 250 },
    );

    expect(endpoint.status).toBe('DISABLED');
    expect(receiver.at(path)).toHaveLength(8);
    const events = await api('GET', orgPath(cabinet as never, '/events?types=webhook.disabled'), { token: cabinet.token });
    expect(events.body.items.map((event: { data: unknown }) => event.data)).toEqual([
      { actorId: 'system', webhookId: hook.id, changes: ['status'] },
    ]);
    const audit = await api('GET', orgPath(cabinet as never, '/audit'), { token: cabinet.token });
    expect(audit.body.items.map((entry: { action: string }) => entry.action)).toContain('webhook.disabled');
    await waitForMail(cabinet.email, { filter: (mail) => /Webhook/.test(mail.subject), ms: 45_000 });
    // Nothing more is sent to a disabled endpoint: a later event reaches an enabled one, not it.
    const witness = freshPath();
    await register(cabinet, witness, ['patient.created']);
    await createPatient(cabinet.token);
    await receiver.until(witness, (r) => r.length >= 1);
    expect(receiver.at(path)).toHaveLength(8);
  }, 90_000);
});

describe('DELETE /api/organisations/{id} with a subscribed endpoint', () => {
  it('delivers organisation.deleted, retried, before the purge removes the endpoint', async () => {
    const cabinet = await registerCabinet();
    const path = freshPath();
    // The receiver fails twice: the delivery is still being retried while the deletion worker purges the rest.
    receiver.answers.set(path, (count) => (count <= 2 ? 503 : 204));
    const hook = await register(cabinet, path, ['organisation.deleted']);

    const deleted = await api('DELETE', orgPath(cabinet as never), { token: cabinet.token });
    expect(deleted.status).toBe(202);

    const received = await receiver.until(path, (r) => r.length >= 3, 30_000);
    expect(received).toHaveLength(3);
    const last = received[2];
    const payload = JSON.parse(String(last?.body));
    expect(payload).toMatchObject({ type: 'organisation.deleted', organisationId: cabinet.organisation.id });
    expect(new Set(received.map((r) => r.headers['webhook-id']))).toEqual(new Set([payload.id]));
    const verified = new StandardWebhook(hook.secret).verify(String(last?.body), {
      'webhook-id': String(last?.headers['webhook-id']),
      'webhook-timestamp': String(last?.headers['webhook-timestamp']),
      'webhook-signature': String(last?.headers['webhook-signature']),
    });
    expect(verified).toMatchObject({ type: 'organisation.deleted' });

    // Then the deletion finishes, the endpoint and its secret with it.
    expect(await organisationGone(cabinet.organisation.id)).toBe(true);
    expect(await partition(`ORG#${cabinet.organisation.id}`)).toEqual([]);
    expect(receiver.at(path)).toHaveLength(3);
  });
});
