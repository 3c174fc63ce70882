// Reads a function's configuration from process.env once, at cold start, and fails fast: a missing or invalid
// variable stops the cold start with its name and the rule it breaks. Plain checks rather than zod: these values
// come from the CDK stack (or the local runtime), never from a request, and building zod schemas for them cost
// 2–3 ms of every cold start and kept zod's url/coerce/default code in every bundle (npm run bench).

/** Reads one variable: returns its value, or throws an Error whose message is the rule it breaks. */
export type EnvRule<T> = (raw: string | undefined) => T;

const present = (raw: string | undefined): string => {
  if (raw === undefined || raw === '') throw new Error('is required');
  return raw;
};

export const env = {
  /** A non-empty string of at least `min` characters (1 by default), matching `pattern` if given. */
  text:
    ({ min = 1, pattern, fallback }: { min?: number; pattern?: RegExp; fallback?: string } = {}): EnvRule<string> =>
    (raw) => {
      const value = raw === undefined || raw === '' ? (fallback ?? present(raw)) : raw;
      if (value.length < min) throw new Error(`must be at least ${min} characters`);
      if (pattern && !pattern.test(value)) throw new Error(`must match ${pattern}`);
      return value;
    },
  /** An absolute http(s) URL. */
  url: (): EnvRule<string> => (raw) => {
    const value = present(raw);
    let protocol: string;
    try {
      protocol = new URL(value).protocol;
    } catch {
      throw new Error('must be a URL');
    }
    if (protocol !== 'http:' && protocol !== 'https:') throw new Error('must be an http or https URL');
    return value;
  },
  /** An integer within [min, max]; `fallback` when unset. */
  integer:
    ({ min, max = Number.MAX_SAFE_INTEGER, fallback }: { min: number; max?: number; fallback: number }): EnvRule<number> =>
    (raw) => {
      const value = raw === undefined || raw === '' ? fallback : Number(raw);
      if (!Number.isInteger(value) || value < min || value > max) {
        throw new Error(
          max === Number.MAX_SAFE_INTEGER ? `must be an integer of at least ${min}` : `must be an integer from ${min} to ${max}`,
        );
      }
      return value;
    },
  /**
   * A comma-separated list of at least one non-empty item (`fallback` when unset); with `pattern`, every item must
   * match it, and `unique` refuses an item listed twice.
   */
  list:
    ({ fallback, pattern, unique }: { fallback?: string; pattern?: RegExp; unique?: boolean } = {}): EnvRule<string[]> =>
    (raw) => {
      const items = (raw === undefined || raw === '' ? (fallback ?? present(raw)) : raw)
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean);
      if (items.length === 0) throw new Error('must list at least one value');
      const wrong = pattern ? items.filter((item) => !pattern.test(item)) : [];
      if (wrong.length > 0) throw new Error(`must list values matching ${pattern} (not ${wrong.join(', ')})`);
      if (unique && new Set(items).size !== items.length) throw new Error('must not list a value twice');
      return items;
    },
  /** `rule`, or undefined when the variable is unset. */
  optional:
    <T>(rule: EnvRule<T>): EnvRule<T | undefined> =>
    (raw) =>
      raw === undefined || raw === '' ? undefined : rule(raw),
};

/** Reads every variable of `rules`; throws one error naming each missing or invalid one. */
export function readEnv<R extends Record<string, EnvRule<unknown>>>(
  rules: R,
  source: Record<string, string | undefined> = process.env,
): { [K in keyof R]: ReturnType<R[K]> } {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, rule] of Object.entries(rules)) {
    try {
      values[name] = rule(source[name]);
    } catch (error) {
      problems.push(`${name} ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (problems.length > 0) throw new Error(`Invalid configuration: ${problems.join('; ')}`);
  return values as { [K in keyof R]: ReturnType<R[K]> };
}
