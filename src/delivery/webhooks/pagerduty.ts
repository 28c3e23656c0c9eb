import { z } from 'zod';
import { recordIncidentSchema } from '../incident-schema.ts';
import {
  clip,
  ignore,
  isoTime,
  link,
  readPayload,
  toInput,
  type WebhookAction,
  type WebhookContext,
} from './actions.ts';

/** The incident events of PagerDuty v3 webhooks whose data is the incident itself. */
const incidentEvents = new Set([
  'incident.triggered',
  'incident.acknowledged',
  'incident.unacknowledged',
  'incident.escalated',
  'incident.reassigned',
  'incident.delegated',
  'incident.priority_updated',
  'incident.reopened',
  'incident.resolved',
]);

/** The envelope of a v3 webhook: one event, its id is the delivery id. */
export const pagerdutyEnvelopeSchema = z.object({
  event: z.object({ id: z.string(), event_type: z.string() }),
});

const prioritySeverities: Record<string, 'sev1' | 'sev2' | 'sev3' | 'sev4'> = {
  P1: 'sev1',
  P2: 'sev2',
  P3: 'sev3',
  P4: 'sev4',
  P5: 'sev4',
};

/** Severity from the incident's priority (P1–P5), else from its urgency. */
export function severityOf(
  priority: string | null | undefined,
  urgency: string | null | undefined,
) {
  const fromPriority = prioritySeverities[priority?.trim().toUpperCase() ?? ''];
  if (fromPriority) return fromPriority;
  if (urgency === 'high') return 'sev2';
  if (urgency === 'low') return 'sev4';
  return 'sev3';
}

/** The fields of an incident event Cairn reads. */
const incidentEventPayload = z.object({
  event: z.object({
    occurred_at: isoTime,
    data: z.object({
      id: z.string().min(1),
      title: z.string().min(1),
      html_url: z.string().nullish(),
      created_at: isoTime,
      urgency: z.string().nullish(),
      priority: z.object({ summary: z.string().nullish() }).nullish(),
    }),
  }),
});

/** PagerDuty v3 events (event.event_type) → incidents of the webhook's service. */
export function mapPagerdutyEvent(
  event: string,
  payload: unknown,
  webhook: WebhookContext,
): WebhookAction[] {
  if (!incidentEvents.has(event)) return ignore(`event '${event}' is not used by Cairn`);
  const { event: envelope } = readPayload(incidentEventPayload, payload, `${event} payload`);
  const incident = envelope.data;
  const resolution =
    event === 'incident.resolved' ? 'resolve' : event === 'incident.reopened' ? 'reopen' : 'keep';
  const input = toInput(
    recordIncidentSchema,
    {
      service: webhook.serviceId,
      title: clip(incident.title, 300),
      severity: severityOf(incident.priority?.summary, incident.urgency),
      startedAt: incident.created_at,
      detectedAt: incident.created_at,
      resolvedAt: resolution === 'resolve' ? envelope.occurred_at : null,
      url: link(incident.html_url) ?? null,
      externalId: `pagerduty:${incident.id}`,
    },
    `${event} payload`,
  );
  return [
    {
      kind: 'incident',
      input: { ...input, externalId: `pagerduty:${incident.id}` },
      resolution,
      occurredAt: envelope.occurred_at,
    },
  ];
}
