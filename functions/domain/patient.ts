// Patient item: ORG#<orgId> / PATIENT#<id>. Tenant data: only ever keyed from a verified TenantContext.

import { organisationPk } from './keys.ts';

export interface Patient {
  id: string;
  nom: string;
  prenom: string;
  dateNaissance?: string;
  email?: string;
  telephone?: string;
  notes?: string;
  createdAt: string;
  updatedAt: string;
}

export const PATIENT_SK_PREFIX = 'PATIENT#';
export const patientKey = (organisationId: string, id: string) => ({
  pk: organisationPk(organisationId),
  sk: `${PATIENT_SK_PREFIX}${id}`,
});

export const patientItem = (organisationId: string, p: Patient) => ({
  ...patientKey(organisationId, p.id),
  type: 'Patient',
  ...p,
});

export function patientFromItem(item: Record<string, unknown>): Patient {
  const { pk: _pk, sk: _sk, type: _type, ...p } = item;
  return p as unknown as Patient;
}
