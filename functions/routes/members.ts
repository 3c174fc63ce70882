// members routes (issue 3).
import type { RouteDef } from './types.ts';

export const membersRoutes = {
} as const satisfies Record<string, RouteDef>;
