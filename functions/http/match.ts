// Matches a request path against route path templates ('/api/patients/{id}'). It takes the routes to match, so a
// function's entry matches only its own routes (and its bundle holds only those), while the local gateway and the
// $default route match the whole table.
import type { RouteDef } from '#routes/types';

export type Match<R extends RouteDef> =
  | { kind: 'route'; route: R; params: Record<string, string> }
  | { kind: 'method-not-allowed'; allowed: string[] }
  | { kind: 'not-found' };

export type Matcher<R extends RouteDef> = (method: string, path: string) => Match<R>;

export function createMatcher<R extends RouteDef>(routes: readonly R[]): Matcher<R> {
  const compiled = routes.map((route) => ({
    route,
    regex: new RegExp(`^${route.path.replace(/\{(\w+)\}/g, '(?<$1>[^/]+)')}$`),
  }));
  return (method, path) => {
    const allowed: string[] = [];
    for (const { route, regex } of compiled) {
      const found = regex.exec(path);
      if (!found) continue;
      if (route.method === method) {
        const params = Object.fromEntries(Object.entries(found.groups ?? {}).map(([key, value]) => [key, safeDecode(value)]));
        return { kind: 'route', route, params };
      }
      allowed.push(route.method);
    }
    return allowed.length ? { kind: 'method-not-allowed', allowed } : { kind: 'not-found' };
  };
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
