// The dialects: each seed system's API, mounted under its own base path (docs/migrating.md). A dialect's routes are
// route declarations like Cabinet's own, with `dialect` set (functions/routes/dialect-<name>.ts), so CDK, the local
// gateway and the functions' entries derive them, while Cabinet's OpenAPI document and guide keep to its own routes.

import { clinicDialect } from './dialects/clinic/dialect.ts';
import { dualModeDialect } from './dialects/dual-mode/dialect.ts';
import { orgCodeDialect } from './dialects/org-code/dialect.ts';
import { orgManagementDialect } from './dialects/org-management/dialect.ts';
import type { DialectDef } from './dialects/types.ts';

export type { DialectDef } from './dialects/types.ts';

export const dialects = {
  'org-code': orgCodeDialect,
  'dual-mode': dualModeDialect,
  clinic: clinicDialect,
  'org-management': orgManagementDialect,
} as const satisfies Record<string, DialectDef>;

export type DialectName = keyof typeof dialects;
export const DIALECT_NAMES = Object.keys(dialects) as DialectName[];

/**
 * The dialects a setting names: unset or empty, all of them (they are on by default); `none`, none; otherwise a
 * comma-separated list of names. An unknown name is an error (it would otherwise silently serve nothing).
 */
export function parseDialects(raw: string | undefined): DialectName[] {
  const value = (raw ?? '').trim();
  if (value === '') return [...DIALECT_NAMES];
  if (value === 'none') return [];
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = names.filter((name) => !(DIALECT_NAMES as string[]).includes(name));
  if (unknown.length > 0) {
    throw new Error(`Unknown dialect ${unknown.join(', ')}: the dialects are ${DIALECT_NAMES.join(', ')}, or none`);
  }
  return DIALECT_NAMES.filter((name) => names.includes(name));
}
