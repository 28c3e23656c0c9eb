import { type CairnError, ConflictError, InputError } from '../shared/errors.ts';

/** PostgreSQL errors that are the caller's fault become 4xx; everything else is a 5xx. */
export function fromDatabaseError(error: unknown): CairnError | undefined {
  const pgError = error as { code?: unknown; detail?: unknown; message?: unknown };
  if (typeof pgError?.code !== 'string' || pgError.code.length !== 5) return undefined;
  const detail = typeof pgError.detail === 'string' ? ` (${pgError.detail})` : '';
  switch (pgError.code) {
    case '23505':
      return new ConflictError(`conflicts with an existing record${detail}`);
    case '23503':
      return new ConflictError(`refers to a record that is missing or still in use${detail}`);
    case '23502':
    case '23514':
    case '22P02':
    case '22007':
    case '22008':
    case '22003':
      return new InputError(`invalid value: ${String(pgError.message)}${detail}`);
    default:
      return undefined;
  }
}
