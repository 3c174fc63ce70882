// The typed client (clients/typescript) is generated from the OpenAPI document: this fails when a route or schema
// changed and `npm run generate:client` was not run, so the committed client never drifts from the API.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLIENT_SCHEMA_PATH, clientSchemaSource } from '../../scripts/generate-client.ts';

// Generating takes about 4 s on an idle machine (openapi-typescript and Biome's formatter): well past vitest's 5 s
// default on a loaded one.
describe('clients/typescript/src/schema.ts', { timeout: 60_000 }, () => {
  it('is what openapi-typescript generates from the current OpenAPI document (else: npm run generate:client)', async () => {
    const committed = readFileSync(CLIENT_SCHEMA_PATH, 'utf8');
    const generated = await clientSchemaSource();
    expect(committed === generated, 'clients/typescript/src/schema.ts is stale: run npm run generate:client').toBe(true);
  });

  it('types every path of the route table', async () => {
    const { routeList } = await import('#routes');
    const source = readFileSync(CLIENT_SCHEMA_PATH, 'utf8');
    for (const route of routeList) expect(source, route.path).toContain(`"${route.path}": {`);
  });
});
