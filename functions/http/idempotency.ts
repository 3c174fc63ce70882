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
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import type { Tokens } from '#adapters/cognito';
import { crashPoint, isCrash } from '#core/crash';
import { logger } from '#core/logger';
import { decide, fingerprintOf, IDEMPOTENCY_KEY_PATTERN, idempotencyKey, type StoredReply, storableReply } from '#domain/idempotency';
import type { VerifiedUser } from '#domain/principal';
import { Refusal } from '#domain/refusal';
import type { TenantContext } from '#domain/tenant';
import { completeKey, releaseKey, takeKey } from '#repositories/idempotency';
import type { RouteDef } from '#routes';
import type { Input, Reply } from './pipeline.ts';

export const IDEMPOTENCY_HEADER = 'idempotency-key';

export interface IdempotencyOptions<R extends RouteDef> {
  /** For a route that answers a session: new tokens for a replay, from the retried request's own credentials. */
  signIn?: (input: Input<R>) => Promise<Tokens>;
}

export interface IdempotencyLayer {
  run(args: {
    route: RouteDef;
    event: APIGatewayProxyEventV2;
    context: Context | undefined;
    caller: TenantContext | VerifiedUser | undefined;
    input: Input<RouteDef>;
    execute: () => Promise<Reply>;
  }): Promise<Reply>;
}

/** The caller's scope: the user, or on a public route the client's address as API Gateway saw it. */
const scopeOf = (caller: TenantContext | VerifiedUser | undefined, event: APIGatewayProxyEventV2): string =>
  caller ? `user:${caller.userId}` : `client:${event.requestContext.http.sourceIp}`;

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
        throw new Refusal('validation-error', 'The Idempotency-Key header is invalid.', {
          fields: [{ path: 'Idempotency-Key', message: 'Idempotency-Key must be 1 to 128 visible ASCII characters' }],
        });
      }
      const key = idempotencyKey(scopeOf(caller, event), `${route.method} ${route.path}`, header);
      const fingerprint = await fingerprintOf(rawBody(event), key.pk);
      const now = Date.now();
      // The first attempt may run until its function's deadline; locally the gateway gives the same 10 s context.
      const lockedUntil = now + (context?.getRemainingTimeInMillis() ?? 30_000) + 1000;
      const attempt = randomUUID();
      const taken = await takeKey(key, { fingerprint, lockedUntil, attempt }, now);
      if (!taken.taken) return answerExisting(decide(taken.record, fingerprint, now), input, options);

      let reply: Reply;
      try {
        reply = await execute();
      } catch (error) {
        // A crash leaves the key IN_PROGRESS until its deadline, as a dead function would.
        if (!isCrash(error)) await releaseKey(key, attempt).catch((releaseError: unknown) => logKeyFailure('release', releaseError));
        throw error;
      }
      crashPoint('before-idempotency-record');
      const stored = storableReply(reply);
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
  options: IdempotencyOptions<R>,
): Promise<Reply> {
  if (decision.kind === 'mismatch') {
    throw new Refusal('idempotency-key-reused', 'This Idempotency-Key was used with another request body.');
  }
  if (decision.kind === 'conflict') {
    throw new Refusal('idempotency-request-in-progress', 'A request with this Idempotency-Key is still being processed; retry later.', {
      retryAfterSeconds: decision.retryAfterSeconds,
    });
  }
  return replay(decision.reply, input, options);
}

async function replay<R extends RouteDef>(stored: StoredReply, input: Input<RouteDef>, options: IdempotencyOptions<R>): Promise<Reply> {
  const headers = { ...stored.headers, 'idempotent-replayed': 'true' };
  if (!stored.signIn) return { status: stored.status, body: stored.body, headers };
  if (!options.signIn) throw new Error('A session answer was recorded for a route that cannot sign in again');
  const { token, refreshToken, expiresIn } = await options.signIn(input as Input<R>);
  // The session's three fields only: a Cognito access token (the MFA routes' own) never leaves the API.
  return { status: stored.status, body: { token, refreshToken, expiresIn, ...(stored.body as Record<string, unknown>) }, headers };
}
