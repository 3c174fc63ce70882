// What each dialect's OpenAPI document is built from besides its routes: its schema module (the components), its
// examples, and the component its refusals are answered with (docs/dialects.md). Imported by document.ts alone.
import type { DialectName } from '#dialects';
import { orgCodeExamples } from '#dialects/org-code/examples';
import * as orgCodeSchemas from '#dialects/org-code/schemas';
import type { RouteExamples } from './examples.ts';

export interface DialectSurface {
  schemas: object;
  examples: Readonly<Record<string, RouteExamples>>;
  problem: string;
}

export const dialectSurfaces: Readonly<Record<DialectName, DialectSurface>> = {
  'org-code': { schemas: orgCodeSchemas, examples: orgCodeExamples, problem: 'OrgCodeError' },
};
