// lib/bundling.ts: the CDK and esbuild forms of the bundling settings agree, and a bundle built with them runs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { cdkBundling, ESBUILD_TARGET, esbuildOptions, REQUIRE_SHIM_BANNER } from '../../lib/bundling.ts';
import { PROJECT_ROOT } from '../../lib/cabinet-function.ts';

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
      ]) {
        expect(code.includes(absent), `the bundle contains "${absent}"`).toBe(false);
      }
      expect(Object.keys(result.metafile.inputs).filter((input) => input.includes('cognito-verifier'))).toEqual([]);
    });
  });
});
