// The origin a request was sent to, as its client sees it: the deployed API's (or custom) domain, or the local
// gateway's host. API Gateway and the local gateway both say the scheme in X-Forwarded-Proto.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

export function requestOrigin(event: APIGatewayProxyEventV2): string {
  const scheme = event.headers?.['x-forwarded-proto'] === 'http' ? 'http' : 'https';
  return `${scheme}://${event.requestContext.domainName}`;
}
