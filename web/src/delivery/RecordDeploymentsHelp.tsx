import { Link } from 'react-router-dom';

/** How deployments reach Cairn: the API from CI, the CLI, or a webhook. */
export function RecordDeploymentsHelp({ service = 'SERVICE' }: { service?: string }) {
  const body = `{"service":"${service}","environment":"production","commit":"$GIT_SHA"}`;
  return (
    <>
      <p>Cairn counts the deployments your pipelines report. Three ways to report one:</p>
      <ul className="help-list">
        <li>
          From any CI step, with an <Link to="/tokens">API token</Link> that has the ingest scope:
          <pre className="command">
            {`curl -X POST "$CAIRN_URL/api/deployments" \\
  -H "Authorization: Bearer $CAIRN_TOKEN" -H "content-type: application/json" \\
  -d '${body}'`}
          </pre>
        </li>
        <li>
          With the CLI, from a clone of Cairn with <code>CAIRN_URL</code> and{' '}
          <code>CAIRN_TOKEN</code> set:
          <pre className="command">
            {`npx cairn deploy record --service ${service} --env production --commit "$GIT_SHA"`}
          </pre>
        </li>
        <li>
          From GitHub, GitLab or PagerDuty: an admin or leader adds a webhook on the service’s page
          under <Link to="/services">Services</Link>. Release tags matching the service’s tag
          pattern count too.
        </li>
      </ul>
      <p>
        Every field is described in the <Link to="/reference">API reference</Link> (Delivery,{' '}
        <code>POST /api/deployments</code>).
      </p>
    </>
  );
}
