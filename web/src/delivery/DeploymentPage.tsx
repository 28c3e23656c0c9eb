import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { type DeploymentDetail, deleteDeployment, getDeployment } from '../api.ts';
import { canEditOrg, useSession } from '../auth/useSession.ts';
import { ConfirmButton } from '../components/ConfirmButton.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { formatDateTime } from '../components/format-date.ts';
import type { NoticeState } from '../components/useEditAndDelete.ts';
import { DeploymentChanges } from './DeploymentChanges.tsx';
import { DeploymentFacts } from './DeploymentFacts.tsx';
import { shortSha } from './dora-format.ts';
import { causeLinkTerm } from './incident-terms.ts';
import { RecordFrame } from './RecordFrame.tsx';

/** One deployment: what it shipped, whether it failed and why, and its incidents. */
export function DeploymentPage() {
  const { id = '' } = useParams();
  const { user } = useSession();
  const deployment = useQuery({
    queryKey: ['deployments', 'one', id],
    queryFn: () => getDeployment(id),
  });
  const deletion = useDeleteDeployment(id, deployment.data);

  return (
    <RecordFrame
      query={deployment}
      noun="deployment"
      list={{
        to: deployment.data ? `/delivery?service=${deployment.data.serviceId}` : '/delivery',
        title: 'Delivery',
      }}
      title={(data) => `Deployment of ${data.service} · ${shortSha(data.commit)}`}
      describe={describeDeployment}
      actions={() =>
        canEditOrg(user.role) && (
          <ConfirmButton
            label="Delete deployment"
            question="Delete this deployment? Its numbers leave every key."
            busy={deletion.isPending}
            onConfirm={() => deletion.mutate()}
          />
        )
      }
    >
      {(data) => (
        <>
          <ErrorMessage error={deletion.error} />
          <DeploymentFacts deployment={data} />
          <DeploymentIncidents deployment={data} />
          <DeploymentChanges deployment={data} />
        </>
      )}
    </RecordFrame>
  );
}

/** "Succeeded on 3 May 2026, 10:00 in production (a production environment)". */
function describeDeployment(deployment: DeploymentDetail): string {
  const outcome = deployment.status === 'success' ? 'Succeeded' : 'Failed';
  const kind = deployment.production ? 'a production environment' : 'not a production environment';
  return `${outcome} on ${formatDateTime(deployment.finishedAt)} in ${deployment.environment} (${kind})`;
}

function useDeleteDeployment(id: string, deployment: DeploymentDetail | undefined) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: () => deleteDeployment(id),
    onSuccess: async () => {
      for (const queryKey of [['deployments'], ['dora'], ['incidents']]) {
        await queryClient.invalidateQueries({ queryKey });
      }
      const notice = `Deleted the deployment of ${deployment?.service ?? 'the service'}.`;
      navigate(`/delivery?service=${deployment?.serviceId ?? ''}`, {
        replace: true,
        state: { notice } satisfies NoticeState,
      });
    },
  });
}

function DeploymentIncidents({ deployment }: { deployment: DeploymentDetail }) {
  return (
    <section aria-labelledby="deployment-incidents-title">
      <h2 id="deployment-incidents-title" className="section-title">
        Incidents tied to it
      </h2>
      {deployment.incidents.length === 0 ? (
        <EmptyState title="No incident is tied to this deployment.">
          <p>
            An incident counts against the deployment it names, or by default against the last
            production deployment before its impact started.{' '}
            <Link to={`/incidents?service=${deployment.serviceId}`}>
              Incidents of {deployment.service}
            </Link>
          </p>
        </EmptyState>
      ) : (
        <ul className="plain-list">
          {deployment.incidents.map((incident) => (
            <li key={incident.id}>
              <Link to={`/incidents/${incident.id}`}>{incident.title}</Link>{' '}
              <span className="badge badge-danger">{incident.severity}</span>{' '}
              <span className="muted small">
                tied {causeLinkTerm(incident.link).short}: {causeLinkTerm(incident.link).long}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
