// registration routes (issue 3).
import type { RouteDef } from './types.ts';

export const registrationRoutes = {
} as const satisfies Record<string, RouteDef>;
