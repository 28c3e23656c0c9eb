import { useEffect, useRef } from 'react';
import { Link } from 'react-router-dom';
import { createMetric, type Person, type Team } from '../api.ts';
import { Card } from '../components/Card.tsx';
import { useCreateMutation } from '../components/useCreateMutation.ts';
import { MetricForm } from './MetricForm.tsx';

/** Defining a metric from the catalog; what was defined is announced with a link to it. */
export function CatalogDefineCard({ people, teams }: { people: Person[]; teams: Team[] }) {
  const create = useCreateMutation(createMetric, [['metrics']]);
  const formRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('input')?.focus();
  }, []);

  return (
    <div id="define-metric" ref={formRef}>
      <Card id="define-metric-form" title="Define a metric" narrow>
        <p role="status" className="success card-status" tabIndex={-1} ref={create.createdRef}>
          {create.created && (
            <>
              Defined{' '}
              <Link to={`/metrics/${encodeURIComponent(create.created.key)}`}>
                {create.created.name}
              </Link>
              .
            </>
          )}
        </p>
        <MetricForm
          key={create.created?.id ?? 'new'}
          people={people}
          teams={teams}
          submitLabel="Define metric"
          pendingLabel="Defining…"
          {...create.form}
        />
      </Card>
    </div>
  );
}
