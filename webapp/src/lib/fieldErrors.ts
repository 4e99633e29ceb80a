import { ApiError } from '../api/client';

/**
 * The platform's field errors by full path (`deploymentConfig.image`, `webhookConfig.url`) as well as by top-level
 * field (`deploymentConfig`), for forms with nested fields; empty for anything that is not an API error.
 */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) {
    return {};
  }
  const errors: Record<string, string> = { ...error.fieldErrors() };
  for (const { field, message } of error.details) {
    if (!(field in errors)) {
      errors[field] = message;
    }
  }
  return errors;
}

/** `errors` without the given fields: a field's browser-side error goes away as soon as it is edited. */
export function without(errors: Record<string, string>, ...fields: string[]): Record<string, string> {
  if (!fields.some((field) => field in errors)) {
    return errors;
  }
  const rest = { ...errors };
  for (const field of fields) {
    delete rest[field];
  }
  return rest;
}
