// The Idempotency-Key header on creating POSTs (routes declare `idempotent: true`; their handler modules pass
// `idempotent()` to httpHandler/publicHandler, so no other function bundles this or its DynamoDB calls). Without the
// header nothing here runs: no extra call. With it:
// - the first request takes the key (one conditional PutItem, IN_PROGRESS until its function's deadline), runs, and
//   records its answer (one UpdateItem); a refused or failed attempt releases the key (nothing was written);
// - a retry with the same key and body gets the recorded answer (header Idempotent-Replayed: true), without a second
//   write; a session's answer is stored without its tokens and the replay signs in again (domain/idempotency.ts);
// - the same key with another body: 422 idempotency-key-reused;
// - the same key while the first attempt may still be running: 409 idempotency-request-in-progress, Retry-After
//   the seconds left until its deadline. A first attempt that died (a timeout, a crash) holds the key only until
//   that deadline: the retry after it runs afresh, and whatever the dead attempt left is handled by the flow itself
//   (an orphan Cognito user is removed, a committed account answers 409 username-taken).
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { nowMs } from '#core/clock';
import { crashPoint, isCrash } from '#core/crash';
import { logger } from '#core/logger';
import {
  decide,
  fingerprintOf,
  IDEMPOTENCY_KEY_PATTERN,
  type IdempotencyScope,
  idempotencyKey,
  type StoredReply,
  storableReply,
} from '#domain/idempotency';
import type { VerifiedUser } from '#domain/principal';
import * as refusals from '#domain/refusals';
import type { TenantContext } from '#domain/tenant';
import { completeKey, releaseKey, takeKey } from '#repositories/idempotency';
import type { RouteDef } from '#routes';
import type { IdempotencyLayer, Input, Reply } from './exchange.ts';

export type { IdempotencyLayer } from './exchange.ts';

export const IDEMPOTENCY_HEADER = 'idempotency-key';

export interface IdempotencyOptions<R extends RouteDef> {
  /** For a route that answers a session: the session anew for a replay, from the retried request's own credentials. */
  signIn?: (input: Input<R>) => Promise<object>;
  /**
   * For a route that creates a resource it can read again: the record keeps only the resource's id (`idOf` its
   * answer), and a replay answers the resource as it now is (`read`), or 410 idempotency-result-gone once it was
   * deleted — so deleting the resource leaves none of its data in idempotency records.
   */
  reread?: { idOf: (body: unknown) => string | undefined; read: (caller: never, id: string) => Promise<unknown | undefined> };
}

/**
 * The caller's scope: the member and their organisation, the signed-in person, or on a public route the client's
 * address as API Gateway saw it.
 */
const scopeOf = (caller: TenantContext | VerifiedUser | undefined, event: APIGatewayProxyEventV2): IdempotencyScope => {
  if (!caller) return { kind: 'client', address: event.requestContext.http.sourceIp };
  if ('organisationId' in caller) return { kind: 'member', organisationId: caller.organisationId, userId: caller.userId };
  return { kind: 'user', userId: caller.userId };
};

function rawBody(event: APIGatewayProxyEventV2): unknown {
  const text = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? '');
  // The pipeline parsed and validated it already; only its JSON value matters here.
  return text ? JSON.parse(text) : null;
}

export function idempotent<R extends RouteDef>(options: IdempotencyOptions<R> = {}): IdempotencyLayer {
  return {
    async run({ route, event, context, caller, input, execute }) {
      const header = event.headers?.[IDEMPOTENCY_HEADER];
      if (header === undefined) return execute();
      if (!IDEMPOTENCY_KEY_PATTERN.test(header)) {
        throw refusals.validationError(
          [{ path: 'Idempotency-Key', message: 'Idempotency-Key must be 1 to 128 visible ASCII characters' }],
          'The Idempotency-Key header is invalid.',
        );
      }
      // The concrete path: the same key on another organisation's path is another request.
      const key = idempotencyKey(scopeOf(caller, event), `${route.method} ${event.rawPath}`, header);
      const fingerprint = await fingerprintOf(rawBody(event), `${key.pk}|${key.sk}`);
      const now = nowMs();
      // The first attempt may run until its function's deadline; locally the gateway gives the same 10 s context.
      const lockedUntil = now + (context?.getRemainingTimeInMillis() ?? 30_000) + 1000;
      const attempt = randomUUID();
      const taken = await takeKey(key, { fingerprint, lockedUntil, attempt }, now);
      if (!taken.taken) return answerExisting(decide(taken.record, fingerprint, now), input, caller, options);

      let reply: Reply;
      try {
        reply = await execute();
      } catch (error) {
        // A crash leaves the key IN_PROGRESS until its deadline, as a dead function would.
        if (!isCrash(error)) await releaseKey(key, attempt).catch((releaseError: unknown) => logKeyFailure('release', releaseError));
        throw error;
      }
      crashPoint('before-idempotency-record');
      const stored = storableReply(reply, options.reread?.idOf);
      const recorded = await completeKey(key, attempt, stored).catch((recordError: unknown) => {
        logKeyFailure('record', recordError);
        return true;
      });
      if (!recorded) logger.warn('idempotency key taken over before its answer was recorded', { route: `${route.method} ${route.path}` });
      return reply;
    },
  };
}

const logKeyFailure = (step: string, error: unknown) => logger.error(`idempotency key ${step} failed`, { error });

async function answerExisting<R extends RouteDef>(
  decision: ReturnType<typeof decide>,
  input: Input<RouteDef>,
  caller: TenantContext | VerifiedUser | undefined,
  options: IdempotencyOptions<R>,
): Promise<Reply> {
  if (decision.kind === 'mismatch') {
    throw refusals.idempotencyKeyReused();
  }
  if (decision.kind === 'conflict') {
    throw refusals.idempotencyRequestInProgress(decision.retryAfterSeconds);
  }
  return replay(decision.reply, input, caller, options);
}

async function replay<R extends RouteDef>(
  stored: StoredReply,
  input: Input<RouteDef>,
  caller: TenantContext | VerifiedUser | undefined,
  options: IdempotencyOptions<R>,
): Promise<Reply> {
  const headers = { ...stored.headers, 'idempotent-replayed': 'true' };
  if (stored.ref !== undefined) {
    if (!options.reread) throw new Error('A resource reference was recorded for a route that cannot read it again');
    const body = await options.reread.read(caller as never, stored.ref);
    if (body === undefined) {
      throw refusals.idempotencyResultGone();
    }
    return { status: stored.status, body, headers };
  }
  if (!stored.signIn) return { status: stored.status, body: stored.body, headers };
  if (!options.signIn) throw new Error('A session answer was recorded for a route that cannot sign in again');
  // The session as it now is, with fresh tokens (the first ones were never stored).
  return { status: stored.status, body: await options.signIn(input as Input<R>), headers };
}
