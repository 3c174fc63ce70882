// Patient use cases: ids and timestamps are set here; the repository scopes everything to the tenant.
import { newId, nowIso } from '#core/ids';
import type { Patient } from '#domain/patient';
import * as refusals from '#domain/refusals';
import type { TenantContext } from '#domain/tenant';
import type { Page } from '#repositories/pages';
import * as repo from '#repositories/patients';
import type { Infer } from '#schemas/lazy';
import type { createPatientBody, patientListQuery, updatePatientBody } from '#schemas/patients';
import { underTenantWriteLimit } from './abuse-limits.ts';

export async function createPatient(tenant: TenantContext, fields: Infer<typeof createPatientBody>): Promise<Patient> {
  const now = nowIso();
  const patient: Patient = { id: newId(), ...fields, createdAt: now, updatedAt: now };
  await underTenantWriteLimit(tenant, (extra) => repo.insertPatient(tenant, patient, extra));
  return patient;
}

export async function getPatient(tenant: TenantContext, id: string): Promise<Patient> {
  const patient = await repo.findPatient(tenant, id);
  if (!patient) throw refusals.patientNotFound();
  return patient;
}

/**
 * A page of the organisation's patients: by name when sorted so or searched (`q`, a prefix of the family or the
 * given name, case and accents ignored), else in the plain order.
 */
export const listPatients = (tenant: TenantContext, query: Infer<typeof patientListQuery>): Promise<Page<Patient>> =>
  query.q !== undefined || query.sort === 'name'
    ? repo.listPatientsByName(tenant, { limit: query.limit, cursor: query.cursor, query: query.q })
    : repo.listPatients(tenant, { limit: query.limit, cursor: query.cursor });

/** The patient, or undefined when there is none (an idempotent replay tells a deleted one apart). */
export const findPatient = repo.findPatient;

export async function updatePatient(tenant: TenantContext, id: string, changes: Infer<typeof updatePatientBody>): Promise<Patient> {
  const set: Record<string, unknown> = { updatedAt: nowIso() };
  const remove: string[] = [];
  for (const [field, value] of Object.entries(changes)) {
    if (value === null) remove.push(field);
    else if (value !== undefined) set[field] = value;
  }
  const patient = await underTenantWriteLimit(tenant, (extra) => repo.updatePatient(tenant, id, set, remove, extra));
  if (!patient) throw refusals.patientNotFound();
  return patient;
}

export async function deletePatient(tenant: TenantContext, id: string): Promise<void> {
  if (!(await underTenantWriteLimit(tenant, (extra) => repo.deletePatient(tenant, id, extra)))) throw refusals.patientNotFound();
}
