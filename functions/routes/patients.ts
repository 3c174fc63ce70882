// Patient routes: tenant data, every key under the caller's ORG# partition.

import type { TenantContext } from '#domain/tenant';
import { route } from '#http/route';
import { idParams } from '#schemas/common';
import { createPatientBody, patientListQuery, patientListResponse, patientResponse, updatePatientBody } from '#schemas/patients';
import * as patients from '#use-cases/patients';

export const createPatient = /* @__PURE__ */ route({
  method: 'POST',
  path: '/api/patients',
  function: 'member-write',
  auth: 'member',
  permission: 'patients:write',
  tag: 'Patients',
  summary: "Create a patient in the caller's organisation",
  body: createPatientBody,
  access: { table: 'readWrite' },
  idempotent: true,
  responses: { 201: { description: 'Created', schema: patientResponse, headers: ['Location'] } },
  // The organisation's bucket of patient writes is empty (use-cases/abuse-limits.ts underTenantWriteLimit).
  problems: ['too-many-requests'],
  handle: async ({ body }, tenant) => {
    const patient = await patients.createPatient(tenant, body);
    return { status: 201, body: patient, headers: { location: `/api/patients/${patient.id}` } };
  },
  // The record keeps the patient's id only: a replay answers the patient as it is now, 410 once deleted.
  replay: {
    reread: {
      idOf: (body) => (body as { id?: string }).id,
      read: (tenant: TenantContext, id: string) => patients.findPatient(tenant, id),
    },
  },
});

export const listPatients = /* @__PURE__ */ route({
  method: 'GET',
  path: '/api/patients',
  function: 'member-read',
  auth: 'member',
  permission: 'patients:read',
  tag: 'Patients',
  summary: "List the organisation's patients, paginated; sort=name sorts them by name, q searches by name prefix",
  query: patientListQuery,
  access: { table: 'read' },
  responses: { 200: { description: 'A page of patients', schema: patientListResponse } },
  problems: ['invalid-cursor'],
  handle: async ({ query }, tenant) => ({
    status: 200,
    body: await patients.listPatients(tenant, query),
  }),
});

export const getPatient = /* @__PURE__ */ route({
  method: 'GET',
  path: '/api/patients/{id}',
  function: 'member-read',
  auth: 'member',
  permission: 'patients:read',
  tag: 'Patients',
  summary: 'Get one patient',
  params: idParams,
  access: { table: 'read' },
  responses: { 200: { description: 'The patient', schema: patientResponse } },
  problems: ['patient-not-found'],
  handle: async ({ params }, tenant) => ({
    status: 200,
    body: await patients.getPatient(tenant, params.id),
  }),
});

export const updatePatient = /* @__PURE__ */ route({
  method: 'PATCH',
  path: '/api/patients/{id}',
  function: 'member-write',
  auth: 'member',
  permission: 'patients:write',
  tag: 'Patients',
  summary: 'Update some fields of a patient (null clears an optional field)',
  params: idParams,
  body: updatePatientBody,
  access: { table: 'readWrite' },
  responses: { 200: { description: 'Updated', schema: patientResponse } },
  problems: ['patient-not-found', 'too-many-requests'],
  handle: async ({ params, body }, tenant) => ({
    status: 200,
    body: await patients.updatePatient(tenant, params.id, body),
  }),
});

export const deletePatient = /* @__PURE__ */ route({
  method: 'DELETE',
  path: '/api/patients/{id}',
  function: 'member-write',
  auth: 'member',
  permission: 'patients:write',
  tag: 'Patients',
  summary: 'Delete a patient',
  params: idParams,
  access: { table: 'readWrite' },
  responses: { 204: { description: 'Deleted' } },
  problems: ['patient-not-found', 'too-many-requests'],
  handle: async ({ params }, tenant) => {
    await patients.deletePatient(tenant, params.id);
    return { status: 204 };
  },
});
