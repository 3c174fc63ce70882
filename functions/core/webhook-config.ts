// Webhook delivery settings, read once at cold start. Deployed stacks set both (lib/webhooks.ts, checked at synth:
// the real schedule, no loopback receiver); `npm start` sets the compressed schedule and allows a receiver on
// http://127.0.0.1:<port> (local/bootstrap.ts, docs/guide/webhooks.md).
import { env, readEnv } from './env.ts';

export const webhookConfig = readEnv({
  /** 'real': about 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h between attempts; 'compressed': the same attempts, seconds apart. */
  WEBHOOK_RETRY_SCHEDULE: env.text({ pattern: /^(real|compressed)$/, fallback: 'real' }),
  /** Local only: 'true' lets an endpoint be http://127.0.0.1:<port>. */
  WEBHOOK_ALLOW_LOOPBACK_HTTP: env.text({ pattern: /^(true|false)$/, fallback: 'false' }),
  /** How long a job is left to the attempt under way before the sweeper may take it over (above a function's timeout). */
  WEBHOOK_CLAIM_SECONDS: env.integer({ min: 1, max: 3600, fallback: 90 }),
});

export const retrySchedule = (): 'real' | 'compressed' => (webhookConfig.WEBHOOK_RETRY_SCHEDULE === 'compressed' ? 'compressed' : 'real');
export const allowLoopbackHttp = (): boolean => webhookConfig.WEBHOOK_ALLOW_LOOPBACK_HTTP === 'true';
