// lib/bundling.ts: the CDK and esbuild forms of the bundling settings agree, and every function bundle built with
// them loads, answers, and carries only its own routes.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import { build, type Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryOf, type FunctionName, functionNames, preTokenTrigger, type RouteDef, routeList, routesOf } from '#routes';
import { cdkBundling, ESBUILD_TARGET, esbuildOptions, REQUIRE_SHIM_BANNER } from '../../lib/bundling.ts';
import { PROJECT_ROOT } from '../../lib/cabinet-function.ts';

describe('lib/bundling.ts', () => {
  it('gives CDK and esbuild the same settings, source maps external (never in the bundle)', () => {
    expect(cdkBundling('/maps')).toMatchObject({
      format: OutputFormat.ESM,
      target: ESBUILD_TARGET,
      minify: true,
      sourceMap: true,
      sourceMapMode: SourceMapMode.EXTERNAL,
      mainFields: ['module', 'main'],
      banner: REQUIRE_SHIM_BANNER,
      bundleAwsSDK: true,
      externalModules: [],
      forceDockerBundling: false,
    });
    expect(esbuildOptions('entry.ts', 'out/index.mjs')).toEqual({
      entryPoints: ['entry.ts'],
      outfile: 'out/index.mjs',
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      minify: true,
      sourcemap: 'external',
      mainFields: ['module', 'main'],
      banner: { js: REQUIRE_SHIM_BANNER },
      external: [],
    });
  });

  it("moves each function's source map out of its asset before CDK zips it", () => {
    const hooks = cdkBundling('/work/cdk.out/source-maps/CabinetApi/MemberReadFunction').commandHooks;
    expect(hooks?.afterBundling('/in', '/asset')).toEqual([
      'mkdir -p "/work/cdk.out/source-maps/CabinetApi/MemberReadFunction"',
      'mv "/asset/index.mjs.map" "/work/cdk.out/source-maps/CabinetApi/MemberReadFunction/index.mjs.map"',
    ]);
  });
});

type Handler = (event: unknown, context: unknown) => Promise<{ statusCode: number; headers?: Record<string, string>; body?: string }>;

interface Bundle {
  code: string;
  inputs: string[];
  handler: Handler;
}

const context = { awsRequestId: 'bundle-test', getRemainingTimeInMillis: () => 10_000 };
const event = (method: string, path: string, extra: { body?: string; headers?: Record<string, string> } = {}) => ({
  version: '2.0',
  rawPath: path,
  headers: extra.headers ?? {},
  ...(extra.body ? { body: extra.body } : {}),
  isBase64Encoded: false,
  requestContext: { http: { method, path }, requestId: 'bundle-test' },
});

// A request each function answers without leaving the process (no token, or a body refused before any call).
const OFFLINE_REQUEST: Record<FunctionName, { event: ReturnType<typeof event>; status: number; type?: string }> = {
  system: { event: event('GET', '/api/health'), status: 200 },
  sessions: {
    event: event('POST', '/api/auth/login', { body: '{}', headers: { 'content-type': 'application/json' } }),
    status: 400,
    type: 'urn:cabinet:problem:validation-error',
  },
  'member-read': { event: event('GET', '/api/patients/abc'), status: 401, type: 'urn:cabinet:problem:missing-token' },
  'member-write': { event: event('PATCH', '/api/patients/abc'), status: 401, type: 'urn:cabinet:problem:missing-token' },
  'account-admin': { event: event('POST', '/api/organisations/o-1/members'), status: 401, type: 'urn:cabinet:problem:missing-token' },
  platform: { event: event('GET', '/api/platform/organisations'), status: 401, type: 'urn:cabinet:problem:missing-token' },
};

/** The Cognito SDK client, which only functions that call Cognito may carry. */
const COGNITO_SDK = 'node_modules/@aws-sdk/client-cognito-identity-provider/';

describe('every function bundled with esbuildOptions', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'cabinet-bundle-'));
  const bundles = new Map<string, Bundle>();
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  beforeAll(async () => {
    // The configuration modules parse these at load time, as Lambda provides or the stack sets them.
    Object.assign(process.env, {
      TABLE_NAME: 'cabinet-bundle-test',
      AWS_REGION: 'eu-west-3',
      USER_POOL_ID: 'eu-west-3_bundle',
      USER_POOL_CLIENT_ID: 'bundle-client',
      TOKEN_AUDIENCES: 'bundle-client',
      TOKEN_ISSUER: 'https://cognito-idp.eu-west-3.amazonaws.com/eu-west-3_bundle',
      HOSTED_LOGIN_URL: 'https://cabinet-bundle.auth.eu-west-3.amazoncognito.com',
      WEB_CLIENT_ID: 'bundlewebclient',
      EMAIL_FROM: 'Cabinet <no-reply@example.org>',
      APP_URL: 'https://app.example.org',
      LOG_LEVEL: 'silent',
    });
    for (const modulePath of [...functionNames.map(entryOf), preTokenTrigger]) {
      const outfile = join(outdir, modulePath, 'index.mjs');
      const result = await build({
        ...esbuildOptions(join(PROJECT_ROOT, `functions/${modulePath}.ts`), outfile),
        metafile: true,
        logLevel: 'silent',
      });
      const handler = ((await import(pathToFileURL(outfile).href)) as { handler: Handler }).handler;
      // The modules that put code into the bundle (the metafile also lists modules read and then tree-shaken away).
      const output = Object.values((result.metafile as Metafile).outputs).find((candidate) => candidate.entryPoint !== undefined);
      const inputs = Object.entries(output?.inputs ?? {}).flatMap(([input, { bytesInOutput }]) => (bytesInOutput > 0 ? [input] : []));
      bundles.set(modulePath, { code: readFileSync(outfile, 'utf8'), inputs, handler });
    }
  });

  const bundleOf = (modulePath: string): Bundle => {
    const bundle = bundles.get(modulePath);
    if (!bundle) throw new Error(`${modulePath} was not built`);
    return bundle;
  };

  it.each(functionNames)('%s loads as ESM, with no source map reference, and answers its routes in the bundle', async (name) => {
    const bundle = bundleOf(entryOf(name));
    expect(bundle.code).not.toContain('sourceMappingURL');
    const request = OFFLINE_REQUEST[name];
    const response = await bundle.handler(request.event, context);
    expect(response.statusCode).toBe(request.status);
    if (request.type) expect(JSON.parse(response.body ?? '{}')).toMatchObject({ type: request.type, status: request.status });
  });

  it.each(functionNames.filter((name) => name !== 'system'))('%s answers a request outside its routes 404 problem+json', async (name) => {
    const response = await bundleOf(entryOf(name)).handler(event('GET', '/api/nowhere'), context);
    expect(response.statusCode).toBe(404);
    expect(response.headers?.['content-type']).toBe('application/problem+json');
  });

  it('system answers $default 405 with Allow from the whole table', async () => {
    const response = await bundleOf(entryOf('system')).handler(event('PUT', '/api/patients'), context);
    expect(response.statusCode).toBe(405);
    expect(response.headers?.allow).toBe('POST, GET');
  });

  // Cold load grows with bundle size, so a function must not carry other functions' routes and schemas
  // (functions/schemas/lazy.ts explains the /* @__PURE__ */ annotations this relies on).
  it.each(functionNames.filter((name) => name !== 'system'))(
    '%s carries its own routes and no other function’s route definition',
    (name) => {
      const { code } = bundleOf(entryOf(name));
      // A declaration is in a bundle with its summary (a string no other route has; esbuild escapes non-ASCII).
      const summary = (route: RouteDef) =>
        route.summary.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
      for (const route of routesOf(name)) expect(code, `${name} lacks ${route.name}`).toContain(summary(route));
      for (const route of routeList.filter((other) => other.function !== name)) {
        expect(code.includes(summary(route)), `${name} carries ${route.name}`).toBe(false);
      }
    },
  );

  // The examples stand beside the schemas (schemas/walkthrough.ts and each area's examples), called by the document only.
  it.each(functionNames.filter((name) => name !== 'system'))('%s carries no OpenAPI example', (name) => {
    const { code } = bundleOf(entryOf(name));
    for (const example of ['Cabinet Dr Martin', 'Ticket #4521', 'claire.durand@example.org', 'd79213df-bd60-4dca-bf6b-e4d2c17b5a5d'])
      expect(code).not.toContain(example);
  });

  it('member-read carries no write-route schema nor the shared account rules', () => {
    const { code } = bundleOf(entryOf('member-read'));
    for (const absent of [
      'dateNaissance must be an ISO date',
      'telephone must be 6 to 20 digits',
      'Password must contain a symbol',
      'Username must be at least 3 characters',
      'Organisation name must be at least 2 characters',
      // Refusals it cannot answer: the catalogue's constructors are kept only where called, its examples nowhere.
      'You are the last active ADMIN of',
      'Cabinet is still starting',
      'Cabinet Dr Martin',
    ]) {
      expect(code.includes(absent), `member-read contains "${absent}"`).toBe(false);
    }
  });

  it('loads the Cognito SDK only in the functions that call Cognito, and never the Cognito/ALB verifiers', () => {
    const withCognito = [...functionNames.map(entryOf), preTokenTrigger].filter((modulePath) =>
      bundleOf(modulePath).inputs.some((input) => input.includes(COGNITO_SDK)),
    );
    // The platform creates a person's account in any organisation (POST /api/platform/organisations/{id}/members); the
    // trigger lists the pool's app clients to refuse tokens to an unexpected one (domain/token-flows.ts).
    expect(withCognito.sort()).toEqual([entryOf('account-admin'), entryOf('platform'), entryOf('sessions'), preTokenTrigger].sort());
    for (const modulePath of [...functionNames.map(entryOf), preTokenTrigger]) {
      expect(bundleOf(modulePath).inputs.filter((input) => input.includes('cognito-verifier') || input.includes('alb-verifier'))).toEqual(
        [],
      );
    }
  });

  it('keeps the token verifier out of the system function and the trigger, and the AWS SDK out of system', () => {
    for (const modulePath of [entryOf('system'), preTokenTrigger]) {
      expect(bundleOf(modulePath).inputs.filter((input) => input.includes('aws-jwt-verify'))).toEqual([]);
    }
    expect(bundleOf(entryOf('system')).inputs.filter((input) => input.includes('node_modules/@aws-sdk/'))).toEqual([]);
    expect(bundleOf(entryOf('member-read')).inputs.some((input) => input.includes('node_modules/@aws-sdk/lib-dynamodb/'))).toBe(true);
  });

  it('keeps zod out of the pre-token trigger (it validates nothing)', () => {
    expect(bundleOf(preTokenTrigger).inputs.filter((input) => input.includes('node_modules/zod/'))).toEqual([]);
  });
});
