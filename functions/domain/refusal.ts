// Former home of the refusal vocabulary, now functions/domain/refusals.ts (the catalogue). Kept so that code and
// tests written before the catalogue still import; new code imports '#domain/refusals' (/work/codemod/refusals.ts
// rewrites older imports and inline refusals).
export {
  type FieldError,
  isRefusal,
  Refusal,
  type RefusalDetails,
  type RefusalName,
  validationError as invalidFields,
} from './refusals.ts';
