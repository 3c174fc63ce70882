// How an answer is logged: a refusal (4xx) at info with its problem type, a 5xx at error with its cause, and every
// 429 counted as a metric. The pipeline, a function's router and the local gateway all log through here, so every
// function logs its answers alike.
import { logger } from '#core/logger';
import { emitMetric } from '#core/metrics';
import type { Refusal } from '#domain/refusals';
import { PROBLEMS } from './problems.ts';

export function logRefusal(refusal: Refusal): void {
  const { status } = PROBLEMS[refusal.refusal];
  // The field paths, never their values nor the detail (which may quote what the client sent).
  const fields = refusal.details.fields ? { fields: refusal.details.fields.map((field) => field.path) } : {};
  if (status >= 500) {
    logger.error('request failed', { status, problem: refusal.refusal, ...fields, error: refusal.cause ?? refusal });
    return;
  }
  logger.info('request refused', { status, problem: refusal.refusal, ...fields });
  if (status === 429) emitMetric('tooManyRequests', 1, { problem: refusal.refusal });
}

/** An unexpected failure, answered with a generic 500: logged with everything it carries. */
export function logUnexpected(error: unknown): void {
  logger.error('request failed', { status: 500, problem: 'internal-error', error });
}
