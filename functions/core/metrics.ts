// Business metrics as CloudWatch embedded metric format (EMF) lines, through Powertools for AWS Lambda's Metrics:
// each event is one JSON log line that CloudWatch turns into a metric point, with no API call and no agent.
// Namespace `Cabinet` (METRICS_NAMESPACE); each point is recorded under two dimension sets, [service] (the whole
// API, which the alarms read) and [service, function] (which function emitted it). Never a per-user or
// per-organisation dimension: those go in the line as plain properties (searchable in Logs Insights, not metrics).
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logContext } from './log-context.ts';

export const METRICS_NAMESPACE = process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'Cabinet';
export const METRICS_SERVICE = process.env.POWERTOOLS_SERVICE_NAME ?? 'cabinet';

/** Every business metric Cabinet emits: its name in CloudWatch and its unit. The alarms and dashboard read these. */
export const METRIC = {
  registrations: { name: 'Registrations', unit: MetricUnit.Count },
  signInsSucceeded: { name: 'SignInsSucceeded', unit: MetricUnit.Count },
  signInsFailed: { name: 'SignInsFailed', unit: MetricUnit.Count },
  codeRedemptions: { name: 'CodeRedemptions', unit: MetricUnit.Count },
  codeRefusals: { name: 'CodeRefusals', unit: MetricUnit.Count },
  joinApprovals: { name: 'JoinApprovals', unit: MetricUnit.Count },
  timeToApproval: { name: 'TimeToApproval', unit: MetricUnit.Seconds },
  tooManyRequests: { name: 'TooManyRequests', unit: MetricUnit.Count },
  orphansFound: { name: 'OrphansFound', unit: MetricUnit.Count },
  orphansSwept: { name: 'OrphansSwept', unit: MetricUnit.Count },
  accountsReconciled: { name: 'AccountsReconciled', unit: MetricUnit.Count },
  emailsSent: { name: 'EmailsSent', unit: MetricUnit.Count },
  /** Jobs FAILED for good (the last attempt failed): someone did not get a message. */
  emailsFailed: { name: 'EmailsFailed', unit: MetricUnit.Count },
  /** Attempts that failed and will be retried by the sweeper. */
  emailRetries: { name: 'EmailRetries', unit: MetricUnit.Count },
  /** Due jobs the sweeper found waiting because no sender is configured (at most 100 counted a run). */
  emailsHeld: { name: 'EmailsHeld', unit: MetricUnit.Count },
} as const;

export type MetricKey = keyof typeof METRIC;

const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: METRICS_SERVICE });

/** Whole seconds from one ISO time to another (never negative): a duration metric's value. */
export const secondsBetween = (fromIso: string, toIso: string): number =>
  Math.max(0, Math.round((Date.parse(toIso) - Date.parse(fromIso)) / 1000));

/**
 * Emits one EMF line now: `value` of the metric under [service] and [service, function], with `properties`
 * (low-value context such as a problem type or a template; never a secret) and the request id as plain fields.
 */
export function emitMetric(key: MetricKey, value = 1, properties: Record<string, string | number | boolean> = {}): void {
  const { name, unit } = METRIC[key];
  const context = logContext();
  const single = metrics.singleMetric();
  // addDimension makes the [service, function] set; addDimensions({}) adds the [service] set beside it.
  single.addDimension('function', context.function ?? 'unknown');
  single.addDimensions({});
  if (context.requestId) single.addMetadata('requestId', context.requestId);
  if (context.apiRequestId) single.addMetadata('apiRequestId', context.apiRequestId);
  if (context.organisationId) single.addMetadata('organisationId', context.organisationId);
  for (const [property, propertyValue] of Object.entries(properties)) single.addMetadata(property, String(propertyValue));
  single.addMetric(name, unit, value);
}
