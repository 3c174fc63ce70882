// lib/bundling.ts: the CDK and esbuild forms of the bundling settings agree, and a bundle built with them runs.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { App, Stack } from 'aws-cdk-lib';
import { OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { docsFile } from '#routes/system';
import { cdkBundling, ESBUILD_TARGET, esbuildOptions, REQUIRE_SHIM_BANNER } from '../../lib/bundling.ts';
import { CabinetFunction, PROJECT_ROOT } from '../../lib/cabinet-function.ts';

describe('lib/bundling.ts', () => {
  const options = esbuildOptions('entry.ts', 'out/index.mjs');

  it('gives CDK and esbuild the same settings', () => {
    expect(cdkBundling).toMatchObject({
      format: OutputFormat.ESM,
      target: ESBUILD_TARGET,
      minify: true,
      sourceMap: true,
      mainFields: ['module', 'main'],
      banner: REQUIRE_SHIM_BANNER,
      bundleAwsSDK: true,
      externalModules: [],
      forceDockerBundling: false,
    });
    expect(options).toEqual({
      entryPoints: ['entry.ts'],
      outfile: 'out/index.mjs',
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      minify: true,
      sourcemap: true,
      mainFields: ['module', 'main'],
      banner: { js: REQUIRE_SHIM_BANNER },
      external: [],
    });
  });

  describe('a handler bundled with esbuildOptions', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'cabinet-bundle-'));
    afterAll(() => rmSync(outdir, { recursive: true, force: true }));

    it('loads as ESM with the AWS SDK inside and answers a tokenless GET /api/patients/{id} with a problem+json 401', async () => {
      const outfile = join(outdir, 'index.mjs');
      const result = await build({
        ...esbuildOptions(join(PROJECT_ROOT, 'functions/handlers/patients/get-patient.ts'), outfile),
        metafile: true,
        logLevel: 'silent',
      });
      const inputs = Object.keys(result.metafile.inputs);
      expect(inputs.some((input) => input.includes('node_modules/@aws-sdk/'))).toBe(true);

      // The configuration modules parse these at load time, as Lambda provides or the stack sets them.
      Object.assign(process.env, {
        TABLE_NAME: 'cabinet-bundle-test',
        AWS_REGION: 'eu-west-3',
        USER_POOL_ID: 'eu-west-3_bundle',
        USER_POOL_CLIENT_ID: 'bundle-client',
        TOKEN_AUDIENCES: 'bundle-client',
        TOKEN_ISSUER: 'https://cognito-idp.eu-west-3.amazonaws.com/eu-west-3_bundle',
      });
      const bundle = (await import(pathToFileURL(outfile).href)) as {
        handler: (event: unknown, context: unknown) => Promise<{ statusCode: number; body: string }>;
      };
      const response = await bundle.handler(
        {
          version: '2.0',
          rawPath: '/api/patients/abc',
          headers: {},
          pathParameters: { id: 'abc' },
          isBase64Encoded: false,
          requestContext: { http: { method: 'GET', path: '/api/patients/abc' }, requestId: 'bundle-test' },
        },
        { awsRequestId: 'bundle-test', getRemainingTimeInMillis: () => 10_000 },
      );
      expect(response.statusCode).toBe(401);
      expect(JSON.parse(response.body)).toMatchObject({ type: 'urn:cabinet:problem:missing-token', status: 401 });
    });

    // Cold load grows with bundle size, so a handler must not carry its neighbours' route definitions and schemas
    // (functions/schemas/lazy.ts explains the /* @__PURE__ */ annotations this relies on).
    it('keeps only its own route: no other route definition, schema or message of the area or of shared rules', async () => {
      const result = await build({
        ...esbuildOptions(join(PROJECT_ROOT, 'functions/handlers/patients/get-patient.ts'), join(outdir, 'shaken.mjs')),
        write: false,
        sourcemap: false,
        metafile: true,
        logLevel: 'silent',
      });
      const code = result.outputFiles.map((file) => file.text).join('\n');
      // Its own route and path-parameter rule are there…
      expect(code).toContain('patients/get-patient');
      expect(code).toContain('Invalid identifier');
      // …but not the other patient routes, their body rules, the shared account rules, nor other areas' modules.
      for (const absent of [
        'patients/create-patient',
        'patients/list-patients',
        'dateNaissance must be an ISO date',
        'telephone must be 6 to 20 digits',
        'Cursor is too long',
        'Password must contain a symbol',
        'Username must be at least 3 characters',
        'Organisation name must be at least 2 characters',
        'Invalid Cognito User Pool ID',
        // The OpenAPI examples (functions/openapi/examples.ts) belong to the document's function only.
        'Clinique des Lilas',
      ]) {
        expect(code.includes(absent), `the bundle contains "${absent}"`).toBe(false);
      }
      expect(Object.keys(result.metafile.inputs).filter((input) => input.includes('cognito-verifier'))).toEqual([]);
    });
  });
});

// The docs page's files (Swagger UI: 1.7 MB) travel beside the bundle, not in it: CDK's own bundling, with the
// commandHooks of lib/bundling.ts, must put them there, and the bundled handler must find and serve them.
describe('a function with run-time files, bundled by CDK', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'cabinet-files-'));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it("ships the route's files in files/ beside index.mjs, keeps them out of the bundle, and the bundled handler serves them", async () => {
    const app = new App({ outdir });
    new CabinetFunction(new Stack(app, 'FilesTest'), 'DocsFile', {
      entry: `functions/handlers/${docsFile.handler}.ts`,
      description: 'GET /api/docs/{file}',
      files: docsFile.files,
    });
    app.synth();
    const assetDir = readdirSync(outdir)
      .filter((entry) => entry.startsWith('asset.'))
      .map((entry) => join(outdir, entry))
      .find((dir) => existsSync(join(dir, 'index.mjs')));
    if (!assetDir) throw new Error(`No bundled asset in ${outdir}`);

    expect(readdirSync(join(assetDir, 'files')).sort()).toEqual(docsFile.files.map((file) => basename(file)).sort());
    const bundle = join(assetDir, 'index.mjs');
    expect(statSync(bundle).size).toBeLessThan(200 * 1024);
    expect(readFileSync(bundle, 'utf8')).not.toContain('SwaggerUIBundle');

    const { handler } = (await import(pathToFileURL(bundle).href)) as {
      handler: (event: unknown, context: unknown) => Promise<{ statusCode: number; body: string; headers: Record<string, string> }>;
    };
    const response = await handler(
      {
        version: '2.0',
        rawPath: '/api/docs/swagger-ui.css',
        headers: {},
        pathParameters: { file: 'swagger-ui.css' },
        isBase64Encoded: false,
        requestContext: { http: { method: 'GET', path: '/api/docs/swagger-ui.css' }, requestId: 'files-test' },
      },
      { awsRequestId: 'files-test', getRemainingTimeInMillis: () => 10_000 },
    );
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(response.body).toBe(readFileSync(join(PROJECT_ROOT, 'node_modules/swagger-ui-dist/swagger-ui.css'), 'utf8'));
  });
});
