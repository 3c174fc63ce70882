// The route table: the single source of truth for the API. CDK builds API Gateway routes and functions from it,
// the local gateway serves the same handler modules from it, and the OpenAPI document is generated from it.
import type * as z from 'zod/mini';
import type { Permission } from '#domain/permissions';
import { idParams, pageQuery, problemSchema } from '#schemas/common';
import {
  loginBody,
  meResponse,
  refreshBody,
  refreshResponse,
  registerCabinetBody,
  sessionResponse,
} from '#schemas/auth';
import { createPatientBody, patientListResponse, patientResponse, updatePatientBody } from '#schemas/patients';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** Cognito actions a function may call on the user pool (least privilege per function). */
export type CognitoAction =
  | 'cognito-idp:AdminCreateUser'
  | 'cognito-idp:AdminSetUserPassword'
  | 'cognito-idp:AdminDeleteUser'
  | 'cognito-idp:AdminDisableUser'
  | 'cognito-idp:AdminEnableUser'
  | 'cognito-idp:InitiateAuth';

export interface RouteDef {
  method: HttpMethod;
  path: `/api/${string}`;
  /** Module under functions/handlers, without extension. */
  handler: string;
  /** 'public': no token. 'member': a verified ID token and an active membership. */
  auth: 'public' | 'member';
  permission?: Permission;
  summary: string;
  tag: string;
  body?: z.ZodMiniType;
  query?: z.ZodMiniType;
  params?: z.ZodMiniType;
  responses: Record<number, { description: string; schema?: z.ZodMiniType; contentType?: string }>;
  /** What the function may touch: 'read' or 'readWrite' on the table, and Cognito actions. */
  access: { table?: 'read' | 'readWrite'; cognito?: readonly CognitoAction[] };
}

const problem = (description: string) => ({ description, schema: problemSchema, contentType: 'application/problem+json' });
const invalid = problem('Invalid input: every failing rule is listed in `errors`');
const unauthorized = problem('Missing, invalid or expired token');
const forbidden = problem('The caller lacks the permission');
const notFound = problem('Not found (also for another organisation\'s resources)');

export const routes = {
  health: {
    method: 'GET', path: '/api/health', handler: 'system/health', auth: 'public', tag: 'System',
    summary: 'Liveness and readiness', access: {},
    responses: { 200: { description: 'Ready' } },
  },
  openapi: {
    method: 'GET', path: '/api/openapi.json', handler: 'system/openapi', auth: 'public', tag: 'System',
    summary: 'This OpenAPI 3.1 document', access: {},
    responses: { 200: { description: 'OpenAPI document' } },
  },
  docs: {
    method: 'GET', path: '/api/docs', handler: 'system/docs', auth: 'public', tag: 'System',
    summary: 'Interactive API documentation', access: {},
    responses: { 200: { description: 'HTML page rendering the OpenAPI document', contentType: 'text/html' } },
  },
  registerCabinet: {
    method: 'POST', path: '/api/auth/register-cabinet', handler: 'auth/register-cabinet', auth: 'public', tag: 'Auth',
    summary: 'Create an organisation and its first ADMIN user, atomically, and sign in',
    body: registerCabinetBody,
    access: {
      table: 'readWrite',
      cognito: ['cognito-idp:AdminCreateUser', 'cognito-idp:AdminSetUserPassword', 'cognito-idp:AdminDeleteUser', 'cognito-idp:InitiateAuth'],
    },
    responses: {
      201: { description: 'Cabinet created', schema: sessionResponse },
      400: invalid,
      409: problem('Username or organisation name already taken'),
    },
  },
  login: {
    method: 'POST', path: '/api/auth/login', handler: 'auth/login', auth: 'public', tag: 'Auth',
    summary: 'Sign in with username and password', body: loginBody,
    access: { table: 'read', cognito: ['cognito-idp:InitiateAuth'] },
    responses: {
      200: { description: 'Signed in', schema: sessionResponse },
      400: invalid,
      401: problem('Invalid username or password (one message for both)'),
    },
  },
  refresh: {
    method: 'POST', path: '/api/auth/refresh', handler: 'auth/refresh', auth: 'public', tag: 'Auth',
    summary: 'Exchange a refresh token for a new ID token', body: refreshBody,
    access: { cognito: ['cognito-idp:InitiateAuth'] },
    responses: { 200: { description: 'New token', schema: refreshResponse }, 400: invalid, 401: unauthorized },
  },
  me: {
    method: 'GET', path: '/api/auth/me', handler: 'auth/me', auth: 'member', tag: 'Auth',
    summary: 'The signed-in user and their current organisation',
    access: { table: 'read' },
    responses: { 200: { description: 'Current user', schema: meResponse }, 401: unauthorized },
  },
  createPatient: {
    method: 'POST', path: '/api/patients', handler: 'patients/create-patient', auth: 'member', permission: 'patients:write',
    tag: 'Patients', summary: 'Create a patient in the caller\'s organisation', body: createPatientBody,
    access: { table: 'readWrite' },
    responses: { 201: { description: 'Created', schema: patientResponse }, 400: invalid, 401: unauthorized, 403: forbidden },
  },
  listPatients: {
    method: 'GET', path: '/api/patients', handler: 'patients/list-patients', auth: 'member', permission: 'patients:read',
    tag: 'Patients', summary: 'List the organisation\'s patients, paginated', query: pageQuery,
    access: { table: 'read' },
    responses: { 200: { description: 'A page of patients', schema: patientListResponse }, 400: invalid, 401: unauthorized, 403: forbidden },
  },
  getPatient: {
    method: 'GET', path: '/api/patients/{id}', handler: 'patients/get-patient', auth: 'member', permission: 'patients:read',
    tag: 'Patients', summary: 'Get one patient', params: idParams,
    access: { table: 'read' },
    responses: { 200: { description: 'The patient', schema: patientResponse }, 401: unauthorized, 403: forbidden, 404: notFound },
  },
  updatePatient: {
    method: 'PATCH', path: '/api/patients/{id}', handler: 'patients/update-patient', auth: 'member', permission: 'patients:write',
    tag: 'Patients', summary: 'Update some fields of a patient (null clears an optional field)', params: idParams, body: updatePatientBody,
    access: { table: 'readWrite' },
    responses: { 200: { description: 'Updated', schema: patientResponse }, 400: invalid, 401: unauthorized, 403: forbidden, 404: notFound },
  },
  deletePatient: {
    method: 'DELETE', path: '/api/patients/{id}', handler: 'patients/delete-patient', auth: 'member', permission: 'patients:write',
    tag: 'Patients', summary: 'Delete a patient', params: idParams,
    access: { table: 'readWrite' },
    responses: { 204: { description: 'Deleted' }, 401: unauthorized, 403: forbidden, 404: notFound },
  },
} as const satisfies Record<string, RouteDef>;

export type RouteName = keyof typeof routes;

/** Answers every request no route matches: 404, or 405 with Allow when the path exists under another method. */
export const fallbackHandler = 'system/not-found';
/** The Cognito pre-token-generation trigger module under functions/. */
export const preTokenTrigger = 'triggers/pre-token-generation';

export const routeList: readonly (RouteDef & { name: string })[] = Object.entries(routes).map(([name, route]) => ({
  name,
  ...(route as RouteDef),
}));
