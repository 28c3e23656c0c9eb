/** The one error vocabulary. Throw these; the HTTP mapper and the CLI turn them into messages. */
export class CairnError extends Error {
  readonly status: number = 500;
  readonly code: string = 'internal';
  constructor(
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class InputError extends CairnError {
  override readonly status = 400;
  override readonly code = 'invalid-input';
}

export class AuthenticationError extends CairnError {
  override readonly status = 401;
  override readonly code = 'unauthenticated';
}

export class NotAllowedError extends CairnError {
  override readonly status = 403;
  override readonly code = 'not-allowed';
}

export class NotFoundError extends CairnError {
  override readonly status = 404;
  override readonly code = 'not-found';
}

export class ConflictError extends CairnError {
  override readonly status = 409;
  override readonly code = 'conflict';
}

export class TooLargeError extends CairnError {
  override readonly status = 413;
  override readonly code = 'too-large';
}

export class RateLimitedError extends CairnError {
  override readonly status = 429;
  override readonly code = 'rate-limited';
}

/** An InputError about one field of the request, so that a form shows it at that field. */
export function fieldError(field: string, message: string): InputError {
  return new InputError(message, [{ path: field, message }]);
}
