// The shape of a route-table entry, and the problem responses routes share.
import type { Permission } from '#domain/permissions';
import type { SchemaRef } from '#schemas/lazy';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** Cognito actions a function may call on the user pool (least privilege per function). */
export type CognitoAction =
  | 'cognito-idp:AdminCreateUser'
  | 'cognito-idp:AdminSetUserPassword'
  | 'cognito-idp:AdminDeleteUser'
  | 'cognito-idp:AdminDisableUser'
  | 'cognito-idp:AdminEnableUser'
  | 'cognito-idp:AdminGetUser'
  | 'cognito-idp:AdminUpdateUserAttributes'
  | 'cognito-idp:InitiateAuth'
  | 'cognito-idp:RespondToAuthChallenge';

/**
 * A documented response: a body schema, or an RFC 9457 problem+json answer described in one sentence. Plain data,
 * never a call, so that a handler's bundle drops every other route's definition (tree shaking keeps calls).
 */
export type ResponseDef = { description: string; schema?: SchemaRef; contentType?: string } | { problem: string };

export interface RouteDef {
  method: HttpMethod;
  path: `/api/${string}`;
  /** Module under functions/handlers, without extension. */
  handler: string;
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
  /** What the function may touch: 'read' or 'readWrite' on the table, and Cognito actions. */
  access: {
    table?: 'read' | 'readWrite';
    cognito?: readonly CognitoAction[];
    /** Sends e-mail right after its change commits (ses:SendEmail, scoped to the SES identity where known). */
    email?: boolean;
    /** Function timeout when the 10 s default is not enough (API Gateway waits at most 30 s). */
    timeoutSeconds?: number;
  };
}

export const invalid = { problem: 'Invalid input: every failing rule is listed in `errors`' } as const;
export const unauthorized = { problem: 'Missing, invalid or expired token' } as const;
export const forbidden = { problem: 'The caller lacks the permission' } as const;
export const notFound = { problem: "Not found (also for another organisation's resources)" } as const;
