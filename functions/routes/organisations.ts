// organisations routes (issue 3).
import type { RouteDef } from './types.ts';

export const organisationsRoutes = {
} as const satisfies Record<string, RouteDef>;
