import { Link } from 'react-router-dom';
import type { DeploymentDetail } from '../api.ts';
import { Fact } from '../components/Fact.tsx';
import { formatDateTime } from '../components/format-date.ts';
import { DeploymentLink } from './DeploymentLink.tsx';
import { formatHours, plural } from './dora-format.ts';
import { pendingTerm } from './dora-keys.ts';

const sources: Record<DeploymentDetail['source'], string> = {
  api: 'API',
  cli: 'CLI',
  github: 'GitHub webhook',
  gitlab: 'GitLab webhook',
  tag: 'Release tag',
};

/** Where, what and when a deployment shipped, and how DORA counts it. */
export function DeploymentFacts({ deployment: d }: { deployment: DeploymentDetail }) {
  const counted = d.production && d.status === 'success';
  return (
    <dl className="facts">
      <Fact term="Service">
        <Link to={`/services/${d.serviceId}`}>{d.service}</Link>
      </Fact>
      <Fact term="Environment">
        {d.environment}
        {!d.production && <span className="badge badge-muted">not production</span>}
      </Fact>
      <Fact term="Status">
        <span className={d.status === 'success' ? 'badge status-succeeded' : 'badge status-dead'}>
          {d.status === 'success' ? 'succeeded' : 'failed'}
        </span>
      </Fact>
      <Fact term="Commit">
        <code className="wrap-anywhere">{d.commit}</code>
      </Fact>
      <Fact term="Started">{formatDateTime(d.startedAt)}</Fact>
      <Fact term="Finished">{formatDateTime(d.finishedAt)}</Fact>
      <Fact term="Reported by">{sources[d.source]}</Fact>
      <Fact term="External id">
        {d.url ? (
          <a href={d.url} target="_blank" rel="noreferrer">
            {d.externalId ?? d.url}
          </a>
        ) : (
          (d.externalId ?? '—')
        )}
      </Fact>
      <Fact term="Counted in the four keys">
        {counted ? 'Yes' : 'No: only successful production deployments count'}
      </Fact>
      <Fact term="Changes">
        {!counted ? (
          'Not worked out: it does not count'
        ) : d.changesState === 'pending' ? (
          <>
            <span className="badge badge-warning">pending</span>{' '}
            <span className="small muted">{pendingTerm}</span>
          </>
        ) : (
          plural(d.changeCount ?? d.changes.length, 'change')
        )}
      </Fact>
      <Fact term="Changes counted since">
        {d.base ? (
          <>
            <DeploymentLink id={d.base.id} commit={d.base.commit} />, finished{' '}
            {formatDateTime(d.base.finishedAt)}
          </>
        ) : (
          'No earlier production deployment'
        )}
      </Fact>
      {d.fixesId && (
        <Fact term="Hotfix of">
          <Link to={`/deployments/${d.fixesId}`}>the deployment it fixes</Link>
        </Fact>
      )}
      {d.rollsBackId && (
        <Fact term="Rolls back">
          <Link to={`/deployments/${d.rollsBackId}`}>the deployment it rolled back</Link>
        </Fact>
      )}
      {counted && (
        <Fact term="Failed">{d.failed ? `Yes: ${d.failedBecause.join(', ')}` : 'No'}</Fact>
      )}
      {d.failed && (
        <Fact term="Time to restore">
          {d.recoveryHours === null ? 'Not restored yet' : formatHours(d.recoveryHours)}
        </Fact>
      )}
    </dl>
  );
}
