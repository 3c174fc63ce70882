// Patient routes: tenant data, every key under the caller's ORG# partition.
import { idParams } from '#schemas/common';
import { createPatientBody, patientListQuery, patientListResponse, patientResponse, updatePatientBody } from '#schemas/patients';
import type { RouteDef } from './types.ts';

export const createPatient = {
  method: 'POST',
  path: '/api/patients',
  handler: 'patients/create-patient',
  function: 'member-write',
  auth: 'member',
  permission: 'patients:write',
  tag: 'Patients',
  summary: "Create a patient in the caller's organisation",
  body: createPatientBody,
  access: { table: 'readWrite' },
  idempotent: true,
  responses: { 201: { description: 'Created', schema: patientResponse, headers: ['Location'] } },
} as const satisfies RouteDef;

export const listPatients = {
  method: 'GET',
  path: '/api/patients',
  handler: 'patients/list-patients',
  function: 'member-read',
  auth: 'member',
  permission: 'patients:read',
  tag: 'Patients',
  summary: "List the organisation's patients, paginated; sort=name sorts them by name, q searches by name prefix",
  query: patientListQuery,
  access: { table: 'read' },
  responses: { 200: { description: 'A page of patients', schema: patientListResponse } },
  problems: ['invalid-cursor'],
} as const satisfies RouteDef;

export const getPatient = {
  method: 'GET',
  path: '/api/patients/{id}',
  handler: 'patients/get-patient',
  function: 'member-read',
  auth: 'member',
  permission: 'patients:read',
  tag: 'Patients',
  summary: 'Get one patient',
  params: idParams,
  access: { table: 'read' },
  responses: { 200: { description: 'The patient', schema: patientResponse } },
  problems: ['patient-not-found'],
} as const satisfies RouteDef;

export const updatePatient = {
  method: 'PATCH',
  path: '/api/patients/{id}',
  handler: 'patients/update-patient',
  function: 'member-write',
  auth: 'member',
  permission: 'patients:write',
  tag: 'Patients',
  summary: 'Update some fields of a patient (null clears an optional field)',
  params: idParams,
  body: updatePatientBody,
  access: { table: 'readWrite' },
  responses: { 200: { description: 'Updated', schema: patientResponse } },
  problems: ['patient-not-found'],
} as const satisfies RouteDef;

export const deletePatient = {
  method: 'DELETE',
  path: '/api/patients/{id}',
  handler: 'patients/delete-patient',
  function: 'member-write',
  auth: 'member',
  permission: 'patients:write',
  tag: 'Patients',
  summary: 'Delete a patient',
  params: idParams,
  access: { table: 'readWrite' },
  responses: { 204: { description: 'Deleted' } },
  problems: ['patient-not-found'],
} as const satisfies RouteDef;

/** The area's routes, in table order (routes.ts gathers the areas). */
export const patientsRoutes = { createPatient, listPatients, getPatient, updatePatient, deletePatient } as const satisfies Record<
  string,
  RouteDef
>;
