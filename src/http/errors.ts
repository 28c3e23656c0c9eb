import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { fromDatabaseError } from '../db/errors.ts';
import { CairnError, InputError, TooLargeError } from '../shared/errors.ts';

export type ErrorBody = { error: { code: string; message: string; details?: unknown } };

/** The one error mapper: every failure leaves as `{ error: { code, message, details } }`. */
export function toErrorResponse(error: unknown, c: Context, log: (line: string) => void): Response {
  let known = error instanceof CairnError ? error : fromDatabaseError(error);
  if (!known && error instanceof HTTPException) {
    if (error.status === 413) known = new TooLargeError('request body is too large');
    else if (error.status === 415 || /unsupported media type/i.test(error.message)) {
      known = new InputError(
        'send the body as JSON, with the header content-type: application/json',
      );
    } else if (error.status < 500) known = new InputError(error.message || 'bad request');
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
