// Matches a request path against the route table's path templates ('/api/patients/{id}').
import { type RouteDef, routeList } from '#routes';

type Named = RouteDef & { name: string };

const compiled = routeList.map((route) => ({
  route,
  regex: new RegExp(`^${route.path.replace(/\{(\w+)\}/g, '(?<$1>[^/]+)')}$`),
}));

export type Match =
  | { kind: 'route'; route: Named; params: Record<string, string> }
  | { kind: 'method-not-allowed'; allowed: string[] }
  | { kind: 'not-found' };

export function matchRoute(method: string, path: string): Match {
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
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
