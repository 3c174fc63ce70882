// What each dialect's OpenAPI document is built from besides its routes: its schema module (the components), its
// examples, and the component its refusals are answered with (docs/dialects.md). Imported by document.ts alone.
import type { DialectName } from '#dialects';
import * as clinicSchemas from '#schemas/dialect-clinic';
import * as dualModeSchemas from '#schemas/dialect-dual-mode';
import * as orgCodeSchemas from '#schemas/dialect-org-code';
import * as orgManagementSchemas from '#schemas/dialect-org-management';
import type { AreaExamples } from '#schemas/walkthrough';

export interface DialectSurface {
  schemas: object;
  examples: () => AreaExamples;
  problem: string;
}

export const dialectSurfaces: Readonly<Record<DialectName, DialectSurface>> = {
  'org-code': { schemas: orgCodeSchemas, examples: orgCodeSchemas.orgCodeExamples, problem: 'OrgCodeError' },
  'dual-mode': { schemas: dualModeSchemas, examples: dualModeSchemas.dualModeExamples, problem: 'DualModeError' },
  clinic: { schemas: clinicSchemas, examples: clinicSchemas.clinicExamples, problem: 'ClinicError' },
  'org-management': { schemas: orgManagementSchemas, examples: orgManagementSchemas.orgManagementExamples, problem: 'OrgManagementError' },
};
