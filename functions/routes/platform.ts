// platform routes (issue 3).
import type { RouteDef } from './types.ts';

export const platformRoutes = {
} as const satisfies Record<string, RouteDef>;
