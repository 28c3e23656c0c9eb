import { useMemo, useState } from 'react';
import type { Incident, RecordIncident, Service } from '../api.ts';
import { Field } from '../components/Field.tsx';
import { SubmitForm, type SubmitFormProps } from '../components/SubmitForm.tsx';
import { IncidentCauseFields } from './IncidentCauseFields.tsx';
import {
  localTimeZone,
  readIncident,
  toLocalInput,
  withIncidentLabels,
} from './incident-form-data.ts';
import { severities, severityTerms } from './incident-terms.ts';

const times = [
  { name: 'startedAt', label: 'Impact started', required: true },
  { name: 'detectedAt', label: 'Detected', required: false },
  { name: 'resolvedAt', label: 'Resolved', required: false },
] as const;

/** Record an incident, or change one (its service stays). Times are in the reader's time zone. */
export function IncidentForm({
  incident,
  services,
  defaultService,
  error,
  ...form
}: {
  incident?: Incident;
  services: Service[];
  defaultService?: string;
} & SubmitFormProps<RecordIncident>) {
  const prefix = incident ? 'edit-incident' : 'new-incident';
  const [serviceId, setServiceId] = useState(incident?.serviceId ?? defaultService ?? '');
  const labelled = useMemo(() => withIncidentLabels(error), [error]);
  return (
    <SubmitForm read={readIncident} error={labelled} {...form}>
      {incident ? (
        <input type="hidden" name="service" value={incident.serviceId} />
      ) : (
        <Field id={`${prefix}-service`} label="Service">
          <select
            id={`${prefix}-service`}
            name="service"
            required
            value={serviceId}
            onChange={(event) => setServiceId(event.target.value)}
          >
            <option value="">Choose a service</option>
            {services.map((service) => (
              <option key={service.id} value={service.id}>
                {service.name}
              </option>
            ))}
          </select>
        </Field>
      )}
      <Field id={`${prefix}-title`} label="Title">
        <input
          id={`${prefix}-title`}
          name="title"
          required
          maxLength={300}
          autoComplete="off"
          defaultValue={incident?.title}
        />
      </Field>
      <Field id={`${prefix}-severity`} label="Severity">
        <select
          id={`${prefix}-severity`}
          name="severity"
          defaultValue={incident?.severity ?? 'sev3'}
        >
          {severities.map((severity) => (
            <option key={severity} value={severity}>
              {severityTerms[severity]}
            </option>
          ))}
        </select>
      </Field>
      <p className="hint" id={`${prefix}-times-hint`}>
        Times are in your time zone ({localTimeZone}); Cairn stores them in UTC.
      </p>
      {times.map((time) => (
        <Field
          key={time.name}
          id={`${prefix}-${time.name}`}
          label={`${time.label} (your local time)`}
        >
          <input
            id={`${prefix}-${time.name}`}
            name={time.name}
            type="datetime-local"
            required={time.required}
            defaultValue={toLocalInput(incident?.[time.name])}
            aria-describedby={`${prefix}-times-hint`}
          />
        </Field>
      ))}
      <IncidentCauseFields
        prefix={prefix}
        serviceId={serviceId}
        deploymentId={incident?.causedByDeploymentId}
        commit={incident?.causedByCommit}
      />
      <Field id={`${prefix}-url`} label="Link (optional)" hint="e.g. the incident in your tracker">
        <input
          id={`${prefix}-url`}
          name="url"
          type="url"
          autoComplete="off"
          defaultValue={incident?.url ?? ''}
          aria-describedby={`${prefix}-url-hint`}
        />
      </Field>
    </SubmitForm>
  );
}
