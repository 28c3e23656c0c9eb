import { ApiError } from '../api.ts';
import { fieldErrorsOf, inUserTerms } from './api-terms.ts';

/**
 * The API's error message, shown next to what failed, with each field's problem listed under it.
 * Renders nothing without an error.
 */
export function ErrorMessage({ error }: { error: unknown }) {
  if (!error) return null;
  const message = messageOf(error);
  const details = [...fieldErrorsOf(error).values()].filter((detail) => detail !== message);
  return (
    <div className="error" role="alert">
      {message}
      {details.length > 0 && (
        <ul className="error-details">
          {details.map((detail) => (
            <li key={detail}>{detail}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return inUserTerms(error.message);
  if (error instanceof Error) return `Something went wrong: ${error.message}`;
  return 'Something went wrong.';
}

export function isForbidden(error: unknown): boolean {
  return error instanceof ApiError && error.status === 403;
}
