// Turns zod issues into the problem+json `errors` array: one entry per failing rule, with its field path.
import type * as z from 'zod/mini';
import type { FieldError } from '#domain/refusals';
import * as refusals from '#domain/refusals';

export function fieldErrors(issues: readonly z.core.$ZodIssue[], prefix = ''): FieldError[] {
  const errors: FieldError[] = [];
  for (const issue of issues) {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) errors.push({ path: [path, key].filter(Boolean).join('.'), message: 'Unknown field' });
    } else if (issue.code === 'invalid_type' && issue.expected === 'never') {
      // A field the caller may not set (schemas/common.ts refusedField): its own rule says why.
      errors.push({ path, message: issue.message });
    } else if (issue.code === 'invalid_type') {
      // Needs safeParse(..., { reportInput: true }) so a missing field is told apart from a wrong type.
      const field = path || 'value';
      errors.push({ path, message: issue.input === undefined ? `${field} is required` : `${field} must be of type ${issue.expected}` });
    } else {
      errors.push({ path, message: issue.message });
    }
  }
  return errors;
}

export function parseWith<S extends z.ZodMiniType>(schema: S, value: unknown, prefix = ''): z.infer<S> {
  const result = schema.safeParse(value, { reportInput: true });
  if (!result.success) throw refusals.validationError(fieldErrors(result.error.issues, prefix));
  return result.data;
}
