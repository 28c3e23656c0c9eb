import { useQuery } from '@tanstack/react-query';
import { listDeployments } from '../api.ts';
import { Field } from '../components/Field.tsx';
import { formatDateTime } from '../components/format-date.ts';
import { shortSha } from './dora-format.ts';

/**
 * What caused the incident: one of the service's recent production deployments, or a commit, or
 * neither (then it counts against the last production deployment before the impact started).
 */
export function IncidentCauseFields({
  prefix,
  serviceId,
  deploymentId,
  commit,
}: {
  prefix: string;
  serviceId: string;
  deploymentId: string | null | undefined;
  commit: string | null | undefined;
}) {
  const recent = useQuery({
    queryKey: ['deployments', 'recent', serviceId],
    queryFn: () => listDeployments({ service: serviceId, production: 'true', limit: 30 }),
    enabled: serviceId !== '',
  });
  const items = recent.data?.items ?? [];
  const named = deploymentId && !items.some((item) => item.id === deploymentId);
  return (
    <>
      <Field
        id={`${prefix}-deployment`}
        label="Caused by deployment"
        hint={
          serviceId ? "The service's last 30 production deployments." : 'Choose the service first.'
        }
      >
        <select
          // a new list of deployments starts from the default choice again
          key={`${serviceId}-${items.length}`}
          id={`${prefix}-deployment`}
          name="causedByDeploymentId"
          defaultValue={deploymentId ?? ''}
          aria-describedby={`${prefix}-deployment-hint`}
        >
          <option value="">Not named: the last one before the impact started</option>
          {named && <option value={deploymentId}>The deployment named now</option>}
          {items.map((item) => (
            <option key={item.id} value={item.id}>
              {formatDateTime(item.finishedAt)} · {shortSha(item.commit)} ({item.environment})
            </option>
          ))}
        </select>
      </Field>
      <Field
        id={`${prefix}-commit`}
        label="Or caused by commit (full sha)"
        hint="It counts against the first production deployment that shipped this commit."
      >
        <input
          id={`${prefix}-commit`}
          name="causedByCommit"
          autoComplete="off"
          spellCheck={false}
          className="mono"
          pattern="[0-9a-fA-F]{40}([0-9a-fA-F]{24})?"
          title="A full 40-character commit sha"
          defaultValue={commit ?? ''}
          aria-describedby={`${prefix}-commit-hint`}
        />
      </Field>
    </>
  );
}
