import { type ReactNode, useContext, useMemo } from 'react';
import { ApiError } from '../api.ts';
import { FieldErrorsContext } from '../components/Field.tsx';

/** The source's fields as the form labels them, for messages that start with the API's name. */
const labels: Record<string, string> = {
  computation: 'Computation',
  service: 'Service',
  team: 'Team',
  repository: 'Repository',
  connectionUrl: 'Connection URL',
  query: 'Query',
  url: 'Server URL',
  timeoutSeconds: 'Timeout',
  rowLimit: 'Row limit',
  everyMinutes: 'Run every',
  lookback: 'Lookback',
};

/**
 * The problems of the last submit with the source (`sourceConfig.query`, …), each under the
 * control of that name, added to the form's own (which keep only a path's first part).
 */
export function SourceFieldErrors({ error, children }: { error: unknown; children: ReactNode }) {
  const outer = useContext(FieldErrorsContext);
  const errors = useMemo(() => new Map([...outer, ...sourceErrorsOf(error)]), [outer, error]);
  return <FieldErrorsContext value={errors}>{children}</FieldErrorsContext>;
}

function sourceErrorsOf(error: unknown): Map<string, string> {
  const errors = new Map<string, string>();
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return errors;
  for (const detail of error.details as { path?: unknown; message?: unknown }[]) {
    const { path, message } = detail ?? {};
    if (typeof path !== 'string' || typeof message !== 'string') continue;
    if (!path.startsWith('sourceConfig.')) continue;
    const text = inSourceTerms(message);
    errors.set(path, errors.has(path) ? `${errors.get(path)} ${text}` : text);
  }
  return errors;
}

/** "connectionUrl must be a postgres:// URL" → "Connection URL must be a postgres:// URL". */
function inSourceTerms(message: string): string {
  const [first = '', ...rest] = message.split(' ');
  const label = labels[first];
  const text = label ? [label, ...rest].join(' ') : message;
  return text.charAt(0).toUpperCase() + text.slice(1);
}
