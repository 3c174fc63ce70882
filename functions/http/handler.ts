// Handlers of routes that identify their caller: token verification, membership and permission, then the
// shared pipeline. Public routes use public-handler.ts, which does not load the token verifier at all.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { VerifiedUser } from '#domain/principal';
import * as refusals from '#domain/refusals';
import type { TenantContext } from '#domain/tenant';
import type { RouteDef } from '#routes';
import { authenticate, authenticateOptionalUser, authenticateSuperAdmin, authenticateUser } from './authenticate.ts';
import { buildHandler, type HandlerOptions, type RouteHandler } from './pipeline.ts';
import type { Declaration } from './route.ts';

export type { Input, Reply, RouteHandler } from './pipeline.ts';

async function authorise(route: RouteDef, event: APIGatewayProxyEventV2): Promise<TenantContext | VerifiedUser | undefined> {
  switch (route.auth) {
    case 'member': {
      const tenant = await authenticate(event);
      // Another organisation's id answers 404 whatever the caller's permissions (nothing about it is revealed).
      // The path id only has to match the token's: data is still keyed from the tenant, never from the path.
      if (route.organisationScoped && event.pathParameters?.[route.organisationParam ?? 'id'] !== tenant.organisationId) {
        throw refusals.organisationNotFound();
      }
      if (route.permission && !tenant.permissions.has(route.permission)) {
        throw refusals.permissionDenied();
      }
      return tenant;
    }
    case 'user':
      return authenticateUser(event);
    case 'superAdmin':
      return authenticateSuperAdmin(event);
    case 'optionalUser':
      return authenticateOptionalUser(event);
    case 'public':
      return undefined;
  }
}

/** The pipeline of a declared route whose caller is identified (any `auth` but 'public'). */
export function httpHandler<R extends RouteDef>(declaration: Declaration<R>, options?: HandlerOptions): RouteHandler<R> {
  return buildHandler(declaration, authorise, declaration.handle, options);
}
