// The contract of a route: what its declaration (functions/routes/<area>.ts, `route()` in functions/http/route.ts)
// states besides its handle, and what the route table (functions/routes.ts) holds for each route.
import type { Permission } from '#domain/permissions';
import type { RefusalName } from '#domain/refusals';
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
  | 'cognito-idp:AdminGetUser'
  | 'cognito-idp:ListUsers'
  | 'cognito-idp:AdminUpdateUserAttributes'
  | 'cognito-idp:AdminUserGlobalSignOut';

/**
 * The Lambda functions of CabinetApi, one per privilege class (docs/adr/0005-routes-to-functions.md). Every route
 * names its function; the function gets the union of its routes' `access`, and nothing else.
 * - system: health, the OpenAPI document, the docs page, and every request no route matches; no data access.
 * - sessions: every route that issues tokens (sign-in, its MFA step, refresh, registration, invitation acceptance,
 *   switching organisation) and the other public routes that touch data (proving an address): the only function
 *   that holds the api app client's secret.
 * - member-read: signed-in reads (table read only).
 * - member-write: signed-in writes that need no Cognito right and no bulk delete (table read/write).
 * - account-admin: signed-in routes that need Cognito admin rights (over another person's account, or over the
 *   caller's own attributes). No route batch-deletes: deleting an organisation is the deletion worker's job.
 * - platform: platform super-admins' routes.
 */
export const FUNCTION_NAMES = ['system', 'sessions', 'member-read', 'member-write', 'account-admin', 'platform'] as const;
export type FunctionName = (typeof FUNCTION_NAMES)[number];

/**
 * API Gateway throttles of their own for the public routes whose work falls on a shared quota (Cognito's request
 * rates, SES's sending rate): each such route has its own bucket, sized in lib/throttling.ts
 * (docs/throttling.md has the arithmetic), so a flood on one of them cannot use up what sign-in needs.
 */
export type ThrottleClass = 'signIn' | 'mfa' | 'refresh' | 'registration' | 'passwordReset' | 'emailVerification';

/** Response headers a route sends beyond the ones every response carries (the OpenAPI document describes each). */
export type ResponseHeader = 'Location' | 'ETag' | 'Content-Security-Policy' | 'Referrer-Policy' | 'Link';

/**
 * A documented success answer: its description and body schema. Plain data, never a call, so that a handler's
 * bundle drops every other route's definition (tree shaking keeps calls).
 */
export interface ResponseDef {
  description: string;
  schema?: SchemaRef;
  contentType?: string | readonly string[];
  /** The same answer also as these text media types (chosen with Accept), documented as strings. */
  exports?: readonly string[];
  headers?: readonly ResponseHeader[];
}

interface RouteBase {
  method: HttpMethod;
  /** Cabinet's own routes are under /api/; a dialect's under its base, /compat/<dialect>/ (functions/dialects.ts). */
  path: `/api/${string}` | `/compat/${string}`;
  /**
   * A dialect's route (docs/migrating.md): the dialect's name. Served only while that dialect is on (DIALECTS), and
   * described by the dialect's own OpenAPI document, never by Cabinet's.
   */
  dialect?: string;
  /** The function that serves this route (its entry is functions/entries/<function>.ts). */
  function: FunctionName;
  summary: string;
  tag: string;
  body?: SchemaRef;
  query?: SchemaRef;
  params?: SchemaRef;
  /** Success answers by status. */
  responses: Record<number, ResponseDef>;
  /**
   * The refusals this route's own use case can answer. Those every route of its kind shares (validation, token,
   * membership, permission...) are added by routeProblems() in problems.ts; the OpenAPI document lists both.
   */
  problems?: readonly RefusalName[];
  /**
   * A creating POST that accepts an `Idempotency-Key` header (functions/http/idempotency.ts): its function's entry
   * gives its pipeline the Idempotency-Key layer, with the declaration's `replay` (checked when the pipeline is built).
   */
  idempotent?: true;
  /**
   * Its own throttle class (public routes that reach Cognito or send mail; test/unit/route-table.test.ts checks
   * every one has one). Other public routes share the public limit, signed-in routes the stage default.
   */
  throttle?: ThrottleClass;
  /**
   * Files the route's handle reads at run time instead of importing them (paths from the project root): CDK ships them
   * beside the function's bundle, in files/ (lib/cabinet-function.ts), so they do not weigh on its cold load.
   */
  files?: readonly string[];
  /**
   * What the route needs, granted to its function: 'read' or 'readWrite' on the table (exact actions in
   * functions/core/table.ts) and `batchWrite` for BatchWriteItem, Cognito actions IAM evaluates, `signIn` for a
   * route that signs people in through the api app client (its function may read the client's secret), and
   * `email` for a route that sends e-mail.
   */
  access: {
    table?: 'read' | 'readWrite';
    /** BatchWriteItem besides 'readWrite': deleting many items page by page (an organisation's deletion). */
    batchWrite?: true;
    cognito?: readonly CognitoAction[];
    /** Sends e-mail right after its change commits (ses:SendEmail, scoped to the SES identity where known). */
    email?: boolean;
    signIn?: true;
    /** Function timeout when the 10 s default is not enough (API Gateway waits at most 30 s). */
    timeoutSeconds?: number;
  };
}

/**
 * 'member': a verified ID token and an ACTIVE membership of the token's organisation; the pipeline checks
 * `permission` against that live membership before the handler runs.
 */
export interface MemberRoute extends RouteBase {
  auth: 'member';
  permission?: Permission;
  /**
   * For '/api/organisations/{id}/…' routes: the path id must be the token's organisation, otherwise 404.
   * The id is never used to address data: keys still come from the verified tenant.
   */
  organisationScoped?: boolean;
  /** The path parameter an organisationScoped route names the organisation with, when not `id` (seed 004's `organization`). */
  organisationParam?: string;
}

/**
 * 'public': no token. 'user': a verified ID token, no organisation needed. 'superAdmin': a verified token of a
 * platform super-admin. 'optionalUser': public, but a valid bearer token (if sent) identifies the caller.
 * These have no membership context, so a permission cannot be checked by the pipeline: a route whose use case
 * checks one against the organisation it addresses names it in `useCasePermission` (documentation only).
 */
export interface CallerRoute extends RouteBase {
  auth: 'public' | 'user' | 'superAdmin' | 'optionalUser';
  permission?: never;
  organisationScoped?: never;
  organisationParam?: never;
  useCasePermission?: Permission;
}

export type RouteDef = MemberRoute | CallerRoute;
