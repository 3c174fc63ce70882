// Preloaded (node --import) into the local stack process by the benchmark only. It counts every outgoing HTTP
// request that process makes to DynamoDB Local and cognito-local, by operation (the X-Amz-Target header), using
// the `http.client.request.start` diagnostics channel — the AWS SDK's Node HTTP handler goes through node:http.
// The handlers and the pre-token trigger all run in that process (the gateway calls them in-process), so these
// are exactly the calls the functions make. GET http://127.0.0.1:$CABINET_BENCH_COUNTER_PORT/ answers the counts.
import { subscribe } from 'node:diagnostics_channel';
import { createServer, type ClientRequest } from 'node:http';

const dynamoPort = process.env.CABINET_DYNAMODB_PORT ?? '8000';
const cognitoPort = process.env.CABINET_COGNITO_PORT ?? '9229';
const counterPort = Number(process.env.CABINET_BENCH_COUNTER_PORT ?? 0);

export type Counts = Record<string, number>;
const counts: Counts = {};

subscribe('http.client.request.start', (message) => {
  const request = (message as { request?: ClientRequest }).request;
  if (!request) return;
  const host = String(request.getHeader('host') ?? '');
  const port = host.slice(host.lastIndexOf(':') + 1);
  const service = port === dynamoPort ? 'dynamodb' : port === cognitoPort ? 'cognito' : undefined;
  if (!service) return;
  const target = String(request.getHeader('x-amz-target') ?? 'unknown');
  const key = `${service}:${target.slice(target.indexOf('.') + 1)}`;
  counts[key] = (counts[key] ?? 0) + 1;
});

if (counterPort > 0) {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(counts));
  });
  server.listen(counterPort, '127.0.0.1');
  server.unref();
}
