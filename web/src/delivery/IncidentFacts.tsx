import { Link } from 'react-router-dom';
import type { Incident } from '../api.ts';
import { Fact } from '../components/Fact.tsx';
import { formatDateTime } from '../components/format-date.ts';
import { DeploymentLink } from './DeploymentLink.tsx';
import { formatHours } from './dora-format.ts';
import { causeLinkTerm, severityTerms } from './incident-terms.ts';

const hour = 3_600_000;
const sources: Record<Incident['source'], string> = {
  api: 'API or this page',
  cli: 'CLI',
  pagerduty: 'PagerDuty webhook',
};

/** An incident's times, what caused it and the deployment it counts against. */
export function IncidentFacts({ incident: i }: { incident: Incident }) {
  const duration = (to: string | null) =>
    to ? formatHours((Date.parse(to) - Date.parse(i.startedAt)) / hour) : null;
  return (
    <>
      <dl className="facts">
        <Fact term="Service">
          <Link to={`/services/${i.serviceId}`}>{i.service}</Link>
        </Fact>
        <Fact term="Severity">{severityTerms[i.severity]}</Fact>
        <Fact term="Impact started">{formatDateTime(i.startedAt)}</Fact>
        <Fact term="Detected">
          {formatDateTime(i.detectedAt)}
          {i.detectedAt && <span className="muted"> ({duration(i.detectedAt)} after)</span>}
        </Fact>
        <Fact term="Resolved">
          {i.resolvedAt ? (
            <>
              {formatDateTime(i.resolvedAt)}{' '}
              <span className="muted">({duration(i.resolvedAt)} after)</span>
            </>
          ) : (
            <span className="badge badge-danger">open</span>
          )}
        </Fact>
        <Fact term="Named cause">
          {i.causedByDeploymentId ? (
            <Link to={`/deployments/${i.causedByDeploymentId}`}>a deployment</Link>
          ) : i.causedByCommit ? (
            <code className="wrap-anywhere">{i.causedByCommit}</code>
          ) : (
            'None named'
          )}
        </Fact>
        <Fact term="Reported by">{sources[i.source]}</Fact>
        {i.url && (
          <Fact term="Link">
            <a href={i.url} target="_blank" rel="noreferrer">
              {i.externalId ?? i.url}
            </a>
          </Fact>
        )}
      </dl>
      <section aria-labelledby="incident-cause-title" className="card">
        <h2 id="incident-cause-title">The deployment it counts against</h2>
        {i.cause ? (
          <>
            <p>
              <DeploymentLink id={i.cause.deploymentId} commit={i.cause.commit} />, finished{' '}
              {formatDateTime(i.cause.finishedAt)}: it counts as failed in the change failure rate,
              and its time to restore ends when its incidents are resolved.
            </p>
            <p className="muted">
              Tied {causeLinkTerm(i.cause.link).short}: {causeLinkTerm(i.cause.link).long}
            </p>
          </>
        ) : (
          <p className="muted">
            None: {i.service} had no production deployment before the impact started
            {i.causedByCommit ? ', and none has shipped the named commit yet' : ''}. It counts in no
            key until one is tied to it.
          </p>
        )}
      </section>
    </>
  );
}
