// The dialects: each seed system's API, mounted under its own base path (docs/dialects.md). A dialect's routes are
// route-table entries like Cabinet's own (functions/routes/types.ts, with `dialect` set), declared in
// functions/dialects/<name>/routes.ts and gathered here; routes.ts joins them to Cabinet's for CDK, the local gateway
// and the functions' entries, while Cabinet's OpenAPI document and guide keep to Cabinet's own routes.
import { orgCodeDialect, orgCodeRoutes } from './dialects/org-code/routes.ts';
import type { DialectDef } from './dialects/types.ts';
import type { RouteDef } from './routes/types.ts';

export type { DialectDef } from './dialects/types.ts';

export const dialects = {
  'org-code': { ...orgCodeDialect, routes: orgCodeRoutes },
} as const satisfies Record<string, DialectDef & { routes: Record<string, RouteDef> }>;

export type DialectName = keyof typeof dialects;
export const DIALECT_NAMES = Object.keys(dialects) as DialectName[];

/** Every dialect's routes by their (platform-unique) names. */
export const dialectRoutes = {
  ...orgCodeRoutes,
} as const satisfies Record<string, RouteDef>;

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
