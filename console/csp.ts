// The console's Content-Security-Policy, one builder for both places that serve it: the local gateway (npm start)
// and CloudFront's response-headers policy (lib/console.ts). No inline script or style, no third-party origin: the
// script talks to the API and, to exchange a sign-in code, to the hosted login; nothing else.
export function consoleCsp(options: { apiOrigin: string; hostedLoginOrigin: string }): string {
  const api = options.apiOrigin === 'self' ? "'self'" : options.apiOrigin;
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src ${api} ${options.hostedLoginOrigin}`,
    "form-action 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** What the script reads at start (GET /console/config.json): where the API and the hosted login are. */
export interface ConsoleConfig {
  /** The API's origin; '' when it is the console's own (npm start). */
  apiUrl: string;
  hostedLoginUrl: string;
  clientId: string;
}
