// Every response an integration test receives is checked against what the route table declares for its route:
// a success status the route documents, with a body its schema accepts (response schemas are strict objects, so
// an undocumented field fails too), or a refusal whose problem type the route lists (routeProblems) with the
// vocabulary's status. A mismatch fails the test that made the request, so the OpenAPI document cannot drift.

import { seedStatusOf } from '#dialects/seed-errors';
import type { RefusalName } from '#domain/refusals';
import { createMatcher } from '#http/match';
import { PROBLEM_TYPE_PREFIX, PROBLEMS } from '#http/problems';
import { allRouteList } from '#routes';
import { routeProblems } from '#routes/problems';

const matchRoute = createMatcher(allRouteList);

import { resolve } from '#schemas/lazy';

export interface Exchange {
  method: string;
  path: string;
  status: number;
  contentType: string | null;
  /** The X-Content-Type-Options header: every answer carries nosniff (issue 7, item 7). */
  nosniff?: string | null;
  body: unknown;
}

/** Why the response breaks its route's declared contract, or undefined when it keeps it. */
export function contractViolation({ method, path, status, contentType, nosniff, body }: Exchange): string | undefined {
  const pathname = new URL(path, 'http://x').pathname;
  const match = matchRoute(method, pathname);
  const where = `${method} ${pathname} → ${status}`;
  // API Gateway's own answer to a failed invocation (a crash, a timeout): not the function's, so neither a problem type
  // nor the headers the functions set (an HTTP API cannot add headers to its own answers; docs/security.md: Security rules).
  if (status === 500 && contentType?.startsWith('application/json') && (body as { message?: unknown })?.message === 'Internal Server Error')
    return undefined;
  if (nosniff !== undefined && nosniff !== 'nosniff') return `${where}: no X-Content-Type-Options: nosniff`;
  if (status >= 400) {
    if (!contentType?.startsWith('application/problem+json')) return `${where}: an error answered ${contentType ?? 'no content type'}`;
    const type = (body as { type?: unknown } | undefined)?.type;
    if (typeof type !== 'string' || !type.startsWith(PROBLEM_TYPE_PREFIX)) return `${where}: problem type ${String(type)}`;
    const name = type.slice(PROBLEM_TYPE_PREFIX.length) as RefusalName;
    if (!(name in PROBLEMS)) return `${where}: ${name} is not in the vocabulary`;
    // A dialect's route answers with its seed's status (seed 004: Laravel's 422 for invalid input).
    const expected =
      match.kind === 'route' && match.route.dialect ? seedStatusOf(match.route.dialect, name, match.route) : PROBLEMS[name].status;
    if (expected !== status) return `${where}: ${name} answered with another status than ${expected}`;
    // The gateway itself answers these before any route is involved.
    if (name === 'not-ready' || name === 'payload-too-large') return undefined;
    if (match.kind === 'not-found') return name === 'route-not-found' ? undefined : `${where}: ${name} for an unknown route`;
    if (match.kind === 'method-not-allowed') return name === 'method-not-allowed' ? undefined : `${where}: ${name} for a wrong method`;
    const declared = routeProblems(match.route);
    return declared.includes(name) ? undefined : `${where}: ${name} is not declared by route ${match.route.name}`;
  }
  if (match.kind !== 'route') return `${where}: a success for a path no route declares`;
  const response = match.route.responses[status];
  if (!response) return `${where}: status not declared by route ${match.route.name}`;
  const declaredTypes = response.contentType === undefined ? [] : [response.contentType].flat();
  if (declaredTypes.length > 0 && !declaredTypes.includes('application/json')) {
    return declaredTypes.some((type) => contentType?.startsWith(type))
      ? undefined
      : `${where}: ${contentType} where ${declaredTypes.join(' or ')} is declared`;
  }
  // A declared text export of the answer (CSV, NDJSON): a string of that media type, which its own tests read.
  const exported = (response as { exports?: readonly string[] }).exports ?? [];
  if (exported.some((type) => contentType?.startsWith(type)))
    return typeof body === 'string' ? undefined : `${where}: ${contentType} but no text`;
  if (!response.schema) return body === undefined || body === '' ? undefined : `${where}: a body where none is declared`;
  const parsed = resolve(response.schema).safeParse(body);
  if (parsed.success) return undefined;
  const issues = parsed.error.issues
    .slice(0, 5)
    .map((issue: { path: PropertyKey[]; message: string }) => `${issue.path.join('.') || '(body)'}: ${issue.message}`);
  return `${where}: body does not match ${match.route.name}'s schema: ${issues.join('; ')}`;
}
