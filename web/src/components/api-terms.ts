import { ApiError } from '../api.ts';

/** The API's field names as the forms label them. */
const fieldLabels: Record<string, string> = {
  parentId: 'Part of',
  managerId: 'Manager',
  startDate: 'Start date',
  endDate: 'End date',
  emails: 'Emails',
  teamId: 'Team',
  currentPassword: 'Current password',
  newPassword: 'New password',
  expiresInDays: 'Expires',
  source: 'Source',
  syncEveryMinutes: 'Sync every (minutes)',
  personId: 'Person',
  repositoryId: 'Repository',
  productionEnvironments: 'Production environments',
  thresholdHigh: 'The band’s high end',
  actorId: 'Who acts',
  guardrailLow: 'Guardrail low',
  guardrailHigh: 'Guardrail high',
  connectionUrl: 'Connection URL',
  timeoutSeconds: 'Timeout (seconds)',
  rowLimit: 'Row limit',
  everyMinutes: 'Run every (minutes)',
  attentionBudget: 'Attention budget',
  chatWebhookUrl: 'Chat webhook URL',
};

const fieldName = new RegExp(`\\b(${Object.keys(fieldLabels).join('|')})\\b`, 'g');

/**
 * A server message in the reader's terms: API field names become form labels, the
 * "invalid body:" prefix goes, and it starts with a capital.
 */
export function inUserTerms(message: string): string {
  const text = message
    .replace(/^invalid (body|input|query):\s*([\w.]+:\s+)?/i, '')
    .replace(fieldName, (name: string, at: number) => {
      const label = fieldLabels[name] ?? name;
      return at === 0 ? label : label.toLowerCase();
    });
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The API error's details by form field (`emails.0` counts for `emails`), in the reader's terms.
 */
export function fieldErrorsOf(error: unknown): Map<string, string> {
  const errors = new Map<string, string>();
  if (!(error instanceof ApiError)) return errors;
  if (!Array.isArray(error.details)) {
    // "endDate must not be before startDate": a message about one field belongs next to it
    const field = /^(\w+) /.exec(error.message)?.[1];
    if (field && field in fieldLabels) errors.set(field, inUserTerms(error.message));
    return errors;
  }
  for (const detail of error.details as { path?: unknown; message?: unknown }[]) {
    const path = Array.isArray(detail?.path) ? detail.path.join('.') : detail?.path;
    if (typeof path !== 'string' || typeof detail.message !== 'string') continue;
    const field = path.split('.')[0] ?? path;
    const message = inUserTerms(detail.message);
    errors.set(field, errors.has(field) ? `${errors.get(field)} ${message}` : message);
  }
  return errors;
}
