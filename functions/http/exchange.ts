// The types a route's run function and the pipeline's layers exchange: a handler's input and answer, and the
// Idempotency-Key layer's contract. Its own module, so pipeline.ts and idempotency.ts both import it and neither
// imports the other (test/unit/import-graph.test.ts keeps functions/ free of import circles).
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import type { Client, VerifiedUser } from '#domain/principal';
import type { TenantContext } from '#domain/tenant';
import type { RouteDef } from '#routes';
import type { Infer as InferSchema, SchemaRef } from '#schemas/lazy';

type Infer<S> = S extends SchemaRef ? InferSchema<S> : undefined;

export interface Input<R extends RouteDef> {
  body: Infer<R['body']>;
  query: Infer<R['query']>;
  params: Infer<R['params']>;
  /** The caller's address as API Gateway saw it: what abuse limits count per client. */
  client: Client;
  event: APIGatewayProxyEventV2;
}

/**
 * A handler's answer: `body` is sent as JSON; `raw` is sent as it is (the docs page and its files), with the
 * handler's own headers only.
 */
export type Reply = { status: number; body?: unknown; headers?: Record<string, string>; raw?: { body: string; base64?: boolean } };

/** What a route's pipeline hands to the Idempotency-Key layer (idempotency.ts) when the route declares `idempotent`. */
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
