// The shape of a route-table entry, and the problem responses routes share.
import type { Permission } from '#domain/permissions';
import type { SchemaRef } from '#schemas/lazy';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/**
 * Cognito actions a function may call on the user pool (least privilege per function). Only actions IAM evaluates:
 * InitiateAuth and RespondToAuthChallenge are authorised by the app client (its secret), never by IAM; a route that
 * signs people in says so with `access.signIn` instead.
 */
export type CognitoAction =
  | 'cognito-idp:AdminCreateUser'
  | 'cognito-idp:AdminSetUserPassword'
  | 'cognito-idp:AdminDeleteUser'
  | 'cognito-idp:AdminDisableUser'
  | 'cognito-idp:AdminEnableUser'
  | 'cognito-idp:AdminGetUser';

/**
 * The Lambda functions of CabinetApi, one per privilege class (docs/adr/0005-routes-to-functions.md). Every route
 * names its function; the function gets the union of its routes' `access`, and nothing else.
 * - system: health, the OpenAPI document, the docs page, and every request no route matches; no data access.
 * - sessions: every route that issues tokens (sign-in, its MFA step, refresh, registration, invitation acceptance,
 *   switching organisation): the only function that holds the api app client's secret.
 * - member-read: signed-in reads (table read only).
 * - member-write: signed-in writes that need no Cognito right (table read/write).
 * - account-admin: signed-in routes that need Cognito admin rights over other people's accounts.
 * - platform: platform super-admins' routes.
 */
export const FUNCTION_NAMES = ['system', 'sessions', 'member-read', 'member-write', 'account-admin', 'platform'] as const;
export type FunctionName = (typeof FUNCTION_NAMES)[number];

/**
 * A documented response: a body schema, or an RFC 9457 problem+json answer described in one sentence. Plain data,
 * never a call, so that a handler's bundle drops every other route's definition (tree shaking keeps calls).
 */
export type ResponseDef = { description: string; schema?: SchemaRef; contentType?: string } | { problem: string };

export interface RouteDef {
  method: HttpMethod;
  path: `/api/${string}`;
  /** Module under functions/handlers, without extension: the one place this route is bound to its use case. */
  handler: string;
  /** The function that serves this route (its entry is functions/entries/<function>.ts). */
  function: FunctionName;
  /**
   * 'public': no token. 'user': a verified ID token, no organisation needed. 'member': a verified ID token and an
   * ACTIVE membership of the token's organisation. 'superAdmin': a verified token of a platform super-admin.
   * 'optionalUser': public, but a valid bearer token (if sent) identifies the caller.
   */
  auth: 'public' | 'user' | 'member' | 'superAdmin' | 'optionalUser';
  /**
   * For '/api/organisations/{id}/…' member routes: the path id must be the token's organisation, otherwise 404.
   * The id is never used to address data: keys still come from the verified tenant.
   */
  organisationScoped?: boolean;
  permission?: Permission;
  summary: string;
  tag: string;
  body?: SchemaRef;
  query?: SchemaRef;
  params?: SchemaRef;
  /** Success bodies (a schema) and problem+json answers (`{ problem: description }`), for the OpenAPI document. */
  responses: Record<number, ResponseDef>;
  /**
   * What the route needs, granted to its function: 'read' or 'readWrite' on the table (exact actions in
   * functions/core/table.ts) and `batchWrite` for BatchWriteItem, Cognito actions IAM evaluates, and `signIn` for a
   * route that signs people in through the api app client (its function may read the client's secret).
   */
  access: {
    table?: 'read' | 'readWrite';
    /** BatchWriteItem besides 'readWrite': deleting many items page by page (an organisation's deletion). */
    batchWrite?: true;
    cognito?: readonly CognitoAction[];
    signIn?: true;
    /** Function timeout when the 10 s default is not enough (API Gateway waits at most 30 s). */
    timeoutSeconds?: number;
  };
}

export const invalid = { problem: 'Invalid input: every failing rule is listed in `errors`' } as const;
export const unauthorized = { problem: 'Missing, invalid or expired token' } as const;
export const forbidden = { problem: 'The caller lacks the permission' } as const;
export const notFound = { problem: "Not found (also for another organisation's resources)" } as const;
