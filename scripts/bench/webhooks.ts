// Webhooks on the local stack. (1) What the event costs a write: a patient's create is one TransactWriteItems of the
// patient, its name entries and its event; the same items are built here with the domain's own item builders and sent
// raw to DynamoDB Local with and without the event item, alternately, for the write units (DynamoDB Local's
// ConsumedCapacity, and the units the items' sizes come to by AWS's rules: write-units.ts) and the latency. The call
// counter in the stack checks that the API's transaction has the items rebuilt here. (2) Delivery latency: from a
// patient's creating request being sent to its delivery reaching a receiver on 127.0.0.1 (the commit, the stream
// read, the fan-out, the signed POST). Budget: p50 within 5 s.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { newUlid } from '../../functions/core/ids.ts';
import { TABLE_DEFINITION } from '../../functions/core/table.ts';
import { eventItem, patientEvent } from '../../functions/domain/events.ts';
import { patientItem } from '../../functions/domain/patient.ts';
import { nameEntryItem, patientNameEntries } from '../../functions/domain/patient-search.ts';
import { bucketExpiry, bucketKey, bucketShard, bucketWindow } from '../../functions/domain/tenant-bucket.ts';
import type { Stack } from './stack.ts';
import { ms, percentile, summarise, table, verdict } from './stats.ts';
import { transactionWriteUnits } from './write-units.ts';

const DELIVERY_BUDGET_MS = 5000;

async function json(url: string, init: RequestInit): Promise<{ status: number; body: any }> {
  const response = await fetch(url, init);
  return { status: response.status, body: await response.json().catch(() => undefined) };
}

type Counts = Record<string, number>;
const readCounts = async (counterUrl: string): Promise<Counts> => (await (await fetch(counterUrl)).json()) as Counts;

/** The TransactWriteItems the stack made between two snapshots, by item count: `{ 4: 30 }`. */
function transactionsBySize(before: Counts, after: Counts): Record<number, number> {
  const sizes: Record<number, number> = {};
  for (const [key, value] of Object.entries(after)) {
    const match = /^dynamodb:TransactWriteItems\((\d+)\)$/.exec(key);
    const delta = value - (before[key] ?? 0);
    if (match && delta > 0) sizes[Number(match[1])] = delta;
  }
  return sizes;
}

/**
 * The items of a patient's create as repositories/patients.ts insertPatient writes them, with or without its event:
 * the patient and the event only if absent, the name entries plainly, and the tenant bucket's counter (the API's is an
 * ADD on a conditional Update; a Put of the same small item costs the same units).
 */
function patientCreateItems(
  organisationId: string,
  index: number,
  withEvent: boolean,
): { item: Record<string, unknown>; ifAbsent: boolean }[] {
  const now = new Date().toISOString();
  const patient = { id: randomUUID(), nom: 'Bench', prenom: `Cost${index}`, createdAt: now, updatedAt: now };
  const window = bucketWindow({ tokens: 1, windowSeconds: 10 }, Date.now());
  const items = [
    { item: { ...bucketKey(organisationId, window, bucketShard(Math.random())), count: 1, ttl: bucketExpiry(window) }, ifAbsent: false },
    { item: patientItem(organisationId, patient), ifAbsent: true },
    ...patientNameEntries(organisationId, patient).map((entry) => ({ item: nameEntryItem(entry), ifAbsent: false })),
  ];
  if (!withEvent) return items;
  const event = patientEvent('patient.created', {
    id: newUlid(),
    organisationId,
    patientId: patient.id,
    actorId: randomUUID(),
    occurredAt: now,
  });
  return [...items, { item: eventItem(event), ifAbsent: true }];
}

interface WriteCost {
  items: number;
  modelUnits: number;
  emulatorUnits: number[];
  latencies: number[];
}

/** The raw transactions, with and without the event, alternately (`rounds` each, after `warmup` pairs). */
async function measureWriteCost(stack: Stack, rounds: number, warmup: number): Promise<{ withEvent: WriteCost; without: WriteCost }> {
  const { dynamoEndpoint, region, tableName: TableName } = stack.info;
  const ddb = new DynamoDBClient({ endpoint: dynamoEndpoint, region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const doc = DynamoDBDocumentClient.from(ddb, { marshallOptions: { removeUndefinedValues: true } });
  // An organisation of its own, with no webhook: the fan-out reads its (empty) endpoint list and sends nothing.
  const organisationId = `bench-cost-${randomUUID()}`;
  const keys = { partitionKey: TABLE_DEFINITION.partitionKey, sortKey: TABLE_DEFINITION.sortKey };
  const cost = (): WriteCost => ({ items: 0, modelUnits: 0, emulatorUnits: [], latencies: [] });
  const result = { withEvent: cost(), without: cost() };
  try {
    for (let round = -warmup; round < rounds; round++) {
      for (const withEvent of round % 2 === 0 ? [true, false] : [false, true]) {
        const items = patientCreateItems(organisationId, round, withEvent);
        const started = performance.now();
        const answer = await doc.send(
          new TransactWriteCommand({
            TransactItems: items.map(({ item, ifAbsent }) => ({
              Put: { TableName, Item: item, ...(ifAbsent ? { ConditionExpression: 'attribute_not_exists(pk)' } : {}) },
            })),
            ReturnConsumedCapacity: 'INDEXES',
          }),
        );
        const elapsed = performance.now() - started;
        if (round < 0) continue;
        const into = withEvent ? result.withEvent : result.without;
        into.items = items.length;
        into.modelUnits = transactionWriteUnits(
          items.map(({ item }) => item),
          TABLE_DEFINITION.globalSecondaryIndexes,
          keys,
        );
        into.emulatorUnits.push((answer.ConsumedCapacity ?? []).reduce((sum, entry) => sum + (entry.CapacityUnits ?? 0), 0));
        into.latencies.push(elapsed);
      }
    }
  } finally {
    ddb.destroy();
  }
  return result;
}

const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / (values.length || 1);

export async function runWebhooks(
  stack: Stack,
  options: { deliveries: number; costRounds: number },
): Promise<{ text: string; failures: string[] }> {
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
    const countsBefore = await readCounts(stack.counterUrl);
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
    const apiTransactions = transactionsBySize(countsBefore, await readCounts(stack.counterUrl));
    const delivery = summarise(latencies);
    const write = summarise(writes);
    const p50 = percentile(latencies, 50);
    const ok = p50 <= DELIVERY_BUDGET_MS;
    const failures = ok ? [] : [`webhook delivery p50 ${ms(p50, 0)} ms > ${DELIVERY_BUDGET_MS} ms`];

    const cost = await measureWriteCost(stack, options.costRounds, 10);
    // The API's own create must be the transaction rebuilt here (one per request, of as many items), or the figures
    // below describe another write.
    const rebuilt = apiTransactions[cost.withEvent.items] === options.deliveries && Object.keys(apiTransactions).length === 1;
    if (!rebuilt)
      failures.push(
        `the bench's patient-create transaction (${cost.withEvent.items} items) is not the API's: ${JSON.stringify(apiTransactions)}`,
      );
    const row = (label: string, c: WriteCost) => [
      label,
      String(c.items),
      String(c.modelUnits),
      mean(c.emulatorUnits).toFixed(1),
      ms(percentile(c.latencies, 50), 2),
      ms(percentile(c.latencies, 95), 2),
    ];
    const costText = table(
      ['raw TransactWriteItems of a patient create', 'items', 'WCU (sizes)', 'WCU (emulator)', 'p50', 'p95'],
      [
        row('with its event (what POST /api/patients sends)', cost.withEvent),
        row('the same without the event', cost.without),
        [
          'added by the event',
          `+${cost.withEvent.items - cost.without.items}`,
          `+${cost.withEvent.modelUnits - cost.without.modelUnits}`,
          `+${(mean(cost.withEvent.emulatorUnits) - mean(cost.without.emulatorUnits)).toFixed(1)}`,
          `+${ms(percentile(cost.withEvent.latencies, 50) - percentile(cost.without.latencies, 50), 2)}`,
          `+${ms(percentile(cost.withEvent.latencies, 95) - percentile(cost.without.latencies, 95), 2)}`,
        ],
      ],
    );
    const deliveryText = table(
      ['measure', 'n', 'p50', 'p95', 'p99', 'max', 'budget', 'verdict'],
      [
        [
          'POST /api/patients (change + its event, one transaction)',
          String(write.n),
          ms(write.p50, 1),
          ms(percentile(writes, 95), 1),
          ms(write.p99, 1),
          ms(write.max, 1),
          '',
          '',
        ],
        [
          'change sent → delivery received',
          String(delivery.n),
          ms(delivery.p50, 1),
          ms(percentile(latencies, 95), 1),
          ms(delivery.p99, 1),
          ms(delivery.max, 1),
          `p50 ≤ ${DELIVERY_BUDGET_MS}`,
          verdict(ok),
        ],
      ],
    );
    const apiCheck = `API transactions during the deliveries: ${Object.entries(apiTransactions)
      .map(([items, n]) => `${n} × TransactWriteItems(${items})`)
      .join(', ')} (counted in the stack) → ${rebuilt ? 'the transaction rebuilt above' : 'NOT the transaction rebuilt above'}`;
    const note =
      'WCU (sizes): 2 per started KB of each item (transactional), +1 per KB per GSI it is in (write-units.ts); WCU (emulator): ' +
      'DynamoDB Local’s ConsumedCapacity (not exact). Times in ms, raw SDK calls from the bench process.';
    return { text: [costText, apiCheck, note, '', deliveryText].join('\n'), failures };
  } finally {
    server.close();
  }
}
