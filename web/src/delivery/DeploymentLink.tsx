import { Link } from 'react-router-dom';
import { shortSha } from './dora-format.ts';

/** A link to a deployment's page, shown as its commit and named "Deployment of abc1234". */
export function DeploymentLink({ id, commit }: { id: string; commit: string }) {
  const short = shortSha(commit);
  return (
    <Link to={`/deployments/${id}`} aria-label={`Deployment of ${short}`}>
      <code>{short}</code>
    </Link>
  );
}
