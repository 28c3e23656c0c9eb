import { useEffect, useRef } from 'react';
import { Link } from 'react-router-dom';
import type { Incident, RecordIncident, Service } from '../api.ts';
import { Card } from '../components/Card.tsx';
import type { useCreateMutation } from '../components/useCreateMutation.ts';
import { IncidentForm } from './IncidentForm.tsx';

/** The "Record an incident" form; focus starts at its first field. */
export function RecordIncidentCard({
  create,
  services,
  defaultService,
}: {
  create: ReturnType<typeof useCreateMutation<RecordIncident, Incident>>;
  services: Service[];
  defaultService: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('select, input')?.focus();
  }, []);
  const created = create.created;
  return (
    <div id="record-incident" ref={ref}>
      <Card id="record-incident-form" title="Record an incident" narrow>
        <p role="status" className="success card-status" tabIndex={-1} ref={create.createdRef}>
          {created && (
            <>
              Recorded <Link to={`/incidents/${created.id}`}>{created.title}</Link>
              {created.cause ? ', counted against a deployment of ' : ' for '}
              {created.service}.
            </>
          )}
        </p>
        <IncidentForm
          services={services}
          defaultService={defaultService}
          submitLabel="Record incident"
          pendingLabel="Recording…"
          {...create.form}
        />
      </Card>
    </div>
  );
}
