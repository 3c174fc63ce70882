// Preloaded (node --import) into the local stack process by the benchmark only. It counts every outgoing HTTP
// request that process makes to DynamoDB Local and cognito-local, by operation (the X-Amz-Target header), using
// the `http.client.request.start` diagnostics channel — the AWS SDK's Node HTTP handler goes through node:http;
// batch and transaction calls also record how many items they carry, e.g. `TransactWriteItems(8)`, and
// `dynamodb:itemsRead` adds up the items DynamoDB returned to reads (GetItem, Query, BatchGetItem), from the answers.
// The handlers and the pre-token trigger all run in that process (the gateway calls them in-process), so these
// are exactly the calls the functions make. GET http://127.0.0.1:$CABINET_BENCH_COUNTER_PORT/ answers the counts.
import { subscribe } from 'node:diagnostics_channel';
import { ClientRequest, createServer } from 'node:http';
import { background } from '../../local/background.ts';

const dynamoPort = process.env.CABINET_DYNAMODB_PORT ?? '8000';
const cognitoPort = process.env.CABINET_COGNITO_PORT ?? '9229';
const counterPort = Number(process.env.CABINET_BENCH_COUNTER_PORT ?? 0);

export type Counts = Record<string, number>;
const counts: Counts = {};

subscribe('http.client.request.start', (message) => {
  const request = (message as { request?: ClientRequest }).request;
  // The stack's background work (the webhook stream, fan-out and sweeper) is not the request's.
  if (!request || background.getStore() !== undefined) return;
  const host = String(request.getHeader('host') ?? '');
  const port = host.slice(host.lastIndexOf(':') + 1);
  const service = port === dynamoPort ? 'dynamodb' : port === cognitoPort ? 'cognito' : undefined;
  if (!service) return;
  const target = String(request.getHeader('x-amz-target') ?? 'unknown');
  const operation = target.slice(target.indexOf('.') + 1);
  if (service === 'dynamodb' && READS.has(operation)) countItemsRead(request);
  if (!SIZED.has(operation)) {
    count(`${service}:${operation}`);
    return;
  }
  count(`${service}:${operation}(${itemsIn(operation, bodies.get(request))})`);
});

// Batch and transaction calls are counted with their number of items, read from the JSON body the SDK passes to
// request.end(): the channel fires inside end() (ClientRequest#_finish), after the wrapper below has kept it.
const bodies = new WeakMap<ClientRequest, unknown>();
const originalEnd = ClientRequest.prototype.end as (this: ClientRequest, ...args: unknown[]) => ClientRequest;
ClientRequest.prototype.end = function end(this: ClientRequest, ...args: unknown[]): ClientRequest {
  if (typeof args[0] === 'string' || args[0] instanceof Uint8Array) bodies.set(this, args[0]);
  return originalEnd.apply(this, args);
} as typeof ClientRequest.prototype.end;

const SIZED = new Set(['TransactWriteItems', 'TransactGetItems', 'BatchGetItem', 'BatchWriteItem']);

const READS = new Set(['GetItem', 'Query', 'BatchGetItem']);

/**
 * Adds the items of a read's answer to `dynamodb:itemsRead`. It watches the answer's own 'data' and 'end' events as
 * the SDK consumes them, adding no listener (a listener would start the stream before the SDK reads it).
 */
function countItemsRead(request: ClientRequest): void {
  request.once('response', (response) => {
    const chunks: Buffer[] = [];
    const emit = response.emit;
    response.emit = function watched(this: typeof response, event: string | symbol, ...args: unknown[]): boolean {
      if (event === 'data' && Buffer.isBuffer(args[0])) chunks.push(args[0]);
      if (event === 'end') addItemsRead(Buffer.concat(chunks).toString('utf8'));
      return emit.call(this, event, ...args);
    } as typeof response.emit;
  });
}

function addItemsRead(text: string): void {
  try {
    const body = JSON.parse(text) as { Item?: unknown; Count?: number; Responses?: Record<string, unknown[]> };
    const items = (body.Item ? 1 : 0) + (body.Count ?? 0) + Object.values(body.Responses ?? {}).reduce((sum, list) => sum + list.length, 0);
    counts['dynamodb:itemsRead'] = (counts['dynamodb:itemsRead'] ?? 0) + items;
  } catch {
    // Not JSON (an error page): nothing read.
  }
}

function count(key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

function itemsIn(operation: string, body: unknown): string {
  try {
    const text = typeof body === 'string' ? body : body instanceof Uint8Array ? Buffer.from(body).toString('utf8') : '';
    const parsed = JSON.parse(text) as {
      TransactItems?: unknown[];
      RequestItems?: Record<string, { Keys?: unknown[] } | unknown[]>;
    };
    if (operation.startsWith('Transact')) return String(parsed.TransactItems?.length ?? '?');
    const tables = Object.values(parsed.RequestItems ?? {});
    return String(tables.reduce<number>((sum, entry) => sum + (Array.isArray(entry) ? entry.length : (entry.Keys?.length ?? 0)), 0));
  } catch {
    return '?';
  }
}

if (counterPort > 0) {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(counts));
  });
  server.listen(counterPort, '127.0.0.1');
  server.unref();
}
