// Parses process.env against a zod schema; a missing or invalid variable stops the cold start with its name.
import type * as z from 'zod/mini';

export function parseEnv<S extends z.ZodMiniType>(schema: S, env: Record<string, string | undefined> = process.env): z.infer<S> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')} (${issue.message})`);
    throw new Error(`Invalid configuration: ${problems.join(', ')}`);
  }
  return parsed.data;
}
