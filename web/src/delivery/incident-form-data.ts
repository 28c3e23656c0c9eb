import { ApiError, type RecordIncident } from '../api.ts';
import { formText, formTextOrNull } from '../components/form-data.ts';

/** The reader's time zone, named next to every time field. */
export const localTimeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** An ISO time as a datetime-local value in the reader's time zone ('' for none). */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  const pad = (value: number) => String(value).padStart(2, '0');
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}`
  );
}

/** A datetime-local value (the reader's time zone) as an ISO time in UTC; null when empty. */
export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
}

export function readIncident(form: FormData): RecordIncident {
  return {
    service: formText(form, 'service'),
    title: formText(form, 'title'),
    severity: formText(form, 'severity') as RecordIncident['severity'],
    startedAt: fromLocalInput(formText(form, 'startedAt')) ?? '',
    detectedAt: fromLocalInput(formText(form, 'detectedAt')),
    resolvedAt: fromLocalInput(formText(form, 'resolvedAt')),
    causedByDeploymentId: formTextOrNull(form, 'causedByDeploymentId'),
    causedByCommit: formTextOrNull(form, 'causedByCommit'),
    url: formTextOrNull(form, 'url'),
  };
}

const labels: Record<string, string> = {
  startedAt: 'Impact started',
  detectedAt: 'Detected',
  resolvedAt: 'Resolved',
  causedByDeploymentId: 'Caused by deployment',
  causedByCommit: 'Caused by commit',
};
const names = new RegExp(`\\b(${Object.keys(labels).join('|')})\\b`, 'g');

/** The API's error with the incident form's labels in place of its field names. */
export function withIncidentLabels(error: unknown): unknown {
  if (!(error instanceof ApiError)) return error;
  const relabel = (text: string) => text.replace(names, (name) => labels[name] ?? name);
  const details = Array.isArray(error.details)
    ? error.details.map((detail: { message?: unknown }) =>
        typeof detail?.message === 'string'
          ? { ...detail, message: relabel(detail.message) }
          : detail,
      )
    : error.details;
  return new ApiError(error.status, error.code, relabel(error.message), details);
}
