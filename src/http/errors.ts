import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { CairnError, ConflictError, InputError, TooLargeError } from '../shared/errors.ts';

export type ErrorBody = { error: { code: string; message: string; details?: unknown } };

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

/** The one error mapper: every failure leaves as `{ error: { code, message, details } }`. */
export function toErrorResponse(error: unknown, c: Context, log: (line: string) => void): Response {
  let known = error instanceof CairnError ? error : fromDatabaseError(error);
  if (!known && error instanceof HTTPException) {
    if (error.status === 413) known = new TooLargeError('request body is too large');
    else if (error.status < 500) known = new InputError(error.message || 'bad request');
  }
  if (!known && error instanceof SyntaxError)
    known = new InputError('malformed JSON in request body');
  if (known) {
    const body: ErrorBody = { error: { code: known.code, message: known.message } };
    if (known.details !== undefined) body.error.details = known.details;
    const response = c.json(body, known.status as 400);
    if (known.status === 429) response.headers.set('Retry-After', '900');
    return response;
  }
  log(
    `${c.req.method} ${c.req.path} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  return c.json(
    {
      error: { code: 'internal', message: 'internal error: see the server log' },
    } satisfies ErrorBody,
    500,
  );
}
