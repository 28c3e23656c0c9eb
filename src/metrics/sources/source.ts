import type { Executor } from '../../db/db.ts';
import type { Period } from '../../shared/periods.ts';
import type { SecretBox } from '../../shared/secret-box.ts';

/** One value a source computed: for the period that starts at `at`, optionally one slice of it. */
export type SourceValue = { at: string; value: number; dimensions?: Record<string, string> };

/** What a source is given to compute: the whole periods [from, to), their starts oldest first. */
export type SourceRun = {
  db: Executor;
  secrets: SecretBox;
  signal?: AbortSignal;
  metric: { id: string; key: string; period: Period };
  config: Record<string, unknown>;
  /** The sealed secret (sql: the connection URL); open it with `secrets.open`. */
  secret: string | null;
  from: Date;
  to: Date;
  starts: Date[];
};

export type SourceRunner = (run: SourceRun) => Promise<SourceValue[]>;

/**
 * A run that went wrong in a way the source's owner must fix (the query errors, times out, returns
 * the wrong shape; the server is down): the message goes on the source's status, the last good
 * values stay.
 */
export class SourceError extends Error {}

/**
 * What went wrong, in one line: an error's message, else its cause's (fetch hides ECONNREFUSED
 * there), the first of an AggregateError's (a failed connect to every address), or its code.
 */
export function errorReason(error: unknown): string {
  if (error instanceof AggregateError && !error.message) return errorReason(error.errors[0]);
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof Error && (error.message === 'fetch failed' || !error.message)) {
    return errorReason(cause);
  }
  return error.message || (error as { code?: string }).code || error.name;
}
