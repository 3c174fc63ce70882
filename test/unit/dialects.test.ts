// The dialects' registry (functions/dialects.ts): which dialects a setting serves, and each dialect's own OpenAPI
// document, built from its route declarations with the seed's paths beneath its base (docs/migrating.md).
import { describe, expect, it } from 'vitest';
import { DIALECT_NAMES, dialects, parseDialects } from '#dialects';
import { allRouteList, routeList, servedRouteList } from '#routes';
import { dialectDocument } from '../../functions/openapi/document.ts';

describe('parseDialects', () => {
  it('serves every dialect when unset or empty, none for "none", and the named ones otherwise', () => {
    expect(parseDialects(undefined)).toEqual(DIALECT_NAMES);
    expect(parseDialects('  ')).toEqual(DIALECT_NAMES);
    expect(parseDialects('none')).toEqual([]);
    expect(parseDialects(' org-code ')).toEqual(['org-code']);
    // In the registry's order, whatever the setting's (`-c dialects=clinic,org-code`, `npm start -- --dialects=…`).
    expect(parseDialects('clinic,org-code')).toEqual(['org-code', 'clinic']);
    expect(parseDialects('org-management')).toEqual(['org-management']);
    expect(parseDialects('org-management, org-code')).toEqual(['org-code', 'org-management']);
  });

  it('refuses an unknown name rather than silently serving nothing', () => {
    expect(parseDialects('dual-mode, org-code')).toEqual(['org-code', 'dual-mode']);
    expect(() => parseDialects('org-code,klingon')).toThrow(/Unknown dialect klingon/);
  });
});

describe('dialect routes', () => {
  it("are all under their dialect's base, never in Cabinet's own route list", () => {
    const dialectRoutes = allRouteList.filter((route) => route.dialect !== undefined);
    expect(dialectRoutes.length).toBeGreaterThan(0);
    for (const route of dialectRoutes) {
      expect(route.path.startsWith(`${dialects[route.dialect as keyof typeof dialects].base}/`), route.name).toBe(true);
    }
    expect(routeList.some((route) => route.dialect !== undefined)).toBe(false);
  });

  it('are served only while their dialect is on', () => {
    expect(servedRouteList([])).toEqual(allRouteList.filter((route) => route.dialect === undefined));
    const orgCode = servedRouteList(['org-code']).filter((route) => route.dialect !== undefined);
    expect(orgCode.every((route) => route.dialect === 'org-code')).toBe(true);
    expect(orgCode.length).toBeGreaterThan(0);
    const orgManagement = servedRouteList(['org-management']).filter((route) => route.dialect !== undefined);
    expect(orgManagement.map((route) => route.path)).toContain('/compat/org-management/api/auth/register-with-organization');
    expect(orgManagement.every((route) => route.dialect === 'org-management')).toBe(true);
  });
});

describe.each(DIALECT_NAMES)('the %s document', (name) => {
  const document = dialectDocument(name, { serverUrl: 'https://api.example.org' }) as {
    info: Record<string, unknown>;
    servers: { url: string }[];
    paths: Record<string, unknown>;
  };

  it("is a migration surface whose server is the dialect's base and whose paths are the seed's own", () => {
    const { base } = dialects[name];
    expect(document.info['x-migration-surface']).toMatchObject({ base, seed: dialects[name].seed });
    expect(document.servers[0]?.url).toBe(`https://api.example.org${base}`);
    const expected = allRouteList.filter((route) => route.dialect === name).map((route) => route.path.slice(base.length));
    expect(Object.keys(document.paths).sort()).toEqual([...new Set(expected)].sort());
    expect(String(document.info.description)).toContain('Differences on purpose');
  });
});
