// Every refusal a route can answer: those its kind of route shares (body validation, token, membership,
// permission...) and those its use case declares. The OpenAPI document and the integration tests' response check
// read this; handlers never import it.
import type { RefusalName } from '#domain/refusals';
import type { RouteDef } from './types.ts';

export function routeProblems(route: RouteDef): RefusalName[] {
  const names = new Set<RefusalName>(['internal-error']);
  const add = (...more: RefusalName[]) => {
    for (const name of more) names.add(name);
  };
  if (route.body) add('missing-body', 'malformed-json', 'unsupported-media-type', 'payload-too-large', 'validation-error');
  if (route.query || route.params) add('validation-error');
  if (route.auth !== 'public') add('invalid-token', 'token-revoked');
  if (route.auth === 'user' || route.auth === 'superAdmin' || route.auth === 'member') add('missing-token');
  if (route.auth === 'superAdmin') add('super-admin-only');
  // A super-admin's writes re-check the super-admin marker in their transaction (repositories/actor.ts).
  if (route.auth === 'superAdmin' && route.access.table === 'readWrite') add('privileges-changed');
  if (route.auth === 'member') {
    add('no-organisation-selected', 'membership-inactive', 'organisation-suspended', 'organisation-being-deleted', 'mfa-required');
    if (route.organisationScoped) add('organisation-not-found');
    if (route.permission) add('permission-denied');
    // Writes that grant, change or use a management permission re-check their actor (repositories/actor.ts).
    if (route.access.table === 'readWrite' && route.permission && !route.permission.startsWith('patients:')) add('privileges-changed');
  }
  // Any transaction may still race a concurrent one after its retries (transactions.ts).
  if (route.access.table === 'readWrite') add('transaction-conflict');
  // An Idempotency-Key: malformed (400), reused with another body (422), or its first request still running (409).
  if (route.idempotent) add('validation-error', 'idempotency-key-reused', 'idempotency-request-in-progress', 'idempotency-result-gone');
  add(...(route.problems ?? []));
  return [...names];
}
