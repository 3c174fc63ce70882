// The clock every rule reads (functions/core/clock.ts) and the local gateway's per-request offset: the system
// clock unless the local stack's fault injection installed its hook, which only local/start.ts does.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { installClockOffset, nowDate, nowMs } from '#core/clock';
import { nowIso } from '#core/ids';
import { clockOffsetOf } from '#local/gateway';

const root = resolve(import.meta.dirname, '../..');
const tsFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? tsFiles(path) : path.endsWith('.ts') ? [path] : [];
  });

afterEach(() => installClockOffset(() => 0));

describe('nowMs', () => {
  it('is the system clock when no offset is installed', () => {
    const before = Date.now();
    const now = nowMs();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it('adds the installed offset, read anew on every call (one request at a time)', () => {
    let offset = 60_000;
    installClockOffset(() => offset);
    expect(nowMs() - Date.now()).toBeGreaterThanOrEqual(59_990);
    offset = -3_600_000;
    expect(Date.now() - nowMs()).toBeGreaterThanOrEqual(3_599_990);
  });

  it('moves nowDate and nowIso with it', () => {
    installClockOffset(() => 86_400_000);
    expect(nowDate().getTime() - Date.now()).toBeGreaterThan(86_399_000);
    expect(Date.parse(nowIso()) - Date.now()).toBeGreaterThan(86_399_000);
  });

  it('is never shifted by deployed code: only the local stack installs the hook', () => {
    const installers = ['functions', 'local', 'lib', 'scripts']
      .flatMap((dir) => tsFiles(join(root, dir)))
      .filter((file) => readFileSync(file, 'utf8').includes('installClockOffset('))
      .map((file) => relative(root, file));
    expect(installers).toEqual(['functions/core/clock.ts', 'local/start.ts']);
  });
});

describe('the x-cabinet-clock-offset header', () => {
  it.each([
    ['11000', 11_000],
    ['-5000', -5000],
    ['0', 0],
    [String(30 * 86_400_000), 30 * 86_400_000],
  ])('%s shifts the clock by %d ms', (header, offset) => {
    expect(clockOffsetOf(header)).toBe(offset);
  });

  it.each([undefined, '', 'soon', '1.5', '1e6', ' 100', String(30 * 86_400_000 + 1)])('%j leaves the clock alone', (header) => {
    expect(clockOffsetOf(header)).toBe(0);
  });
});
