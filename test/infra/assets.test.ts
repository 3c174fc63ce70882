// The Lambda assets as `cdk synth` really builds them (bundling on): the zips carry the bundle and no source map; each
// map is kept in the build output, outside the assets, for mapping a logged stack offline.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, describe, expect, it } from 'vitest';
import { functionNames } from '#routes';
import { functionId } from '../../lib/api-stack.ts';
import { buildApp } from '../../lib/app.ts';
import { cdkJsonContext, resourcesOf, TEST_CONTEXT } from './cabinet-app.ts';

const outdir = mkdtempSync(join(tmpdir(), 'cabinet-assets-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

delete process.env.CDK_DEFAULT_ACCOUNT;
delete process.env.CDK_DEFAULT_REGION;
const app = new App({ outdir, context: { ...cdkJsonContext(), ...TEST_CONTEXT }, builtinCloudFormationValidation: false });
const { data, api } = buildApp(app);
app.synth();

/** The asset directory of every Lambda function of a stack (its Code.S3Key is `<asset hash>.zip`). */
function assetDirs(template: Template): string[] {
  return Object.values(resourcesOf(template, 'AWS::Lambda::Function')).map((fn) => {
    const key = (fn.Properties?.Code as { S3Key: string } | undefined)?.S3Key ?? '';
    return join(outdir, `asset.${key.replace(/\.zip$/, '')}`);
  });
}

describe('Lambda assets (cdk synth with bundling)', () => {
  const dirs = [...assetDirs(Template.fromStack(data)), ...assetDirs(Template.fromStack(api))];

  it('bundles every function: six in CabinetApi with the five jobs (three sweepers, the deletion worker, the webhook fan-out), and the trigger in CabinetData', () => {
    expect(dirs).toHaveLength(functionNames.length + 6);
    expect(new Set(dirs).size).toBe(dirs.length);
  });

  it.each(dirs.map((dir) => ({ dir: dir.slice(outdir.length + 1) })))('$dir holds index.mjs only: no source map in the zip', ({ dir }) => {
    const path = join(outdir, dir);
    // The system function also ships the docs page's run-time files, in files/ (lib/bundling.ts).
    expect(readdirSync(path).filter((entry) => entry !== 'files')).toEqual(['index.mjs']);
    for (const file of existsSync(join(path, 'files')) ? readdirSync(join(path, 'files')) : []) expect(file).not.toMatch(/\.map$/);
    expect(readFileSync(join(path, 'index.mjs'), 'utf8')).not.toContain('sourceMappingURL');
  });

  it('keeps each source map in the build output, outside the assets: source-maps/<stack>/<function>/index.mjs.map', () => {
    const maps = [
      ...functionNames.map((name) => join(outdir, 'source-maps', 'CabinetApi', functionId(name), 'index.mjs.map')),
      join(outdir, 'source-maps', 'CabinetApi', 'Sweeper', 'index.mjs.map'),
      join(outdir, 'source-maps', 'CabinetData', 'PreTokenGeneration', 'index.mjs.map'),
    ];
    for (const map of maps) {
      expect(existsSync(map), map).toBe(true);
      expect(JSON.parse(readFileSync(map, 'utf8'))).toMatchObject({ version: 3, sources: expect.any(Array) });
    }
  });
});
