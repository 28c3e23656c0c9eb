import { Link } from 'react-router-dom';

/** How datapoints reach a push or CSV metric: the API, the CLI, or a CSV file. */
export function PushDatapointsHelp({ metricKey }: { metricKey: string }) {
  const body = '{"datapoints":[{"at":"2026-06-08T00:00:00Z","value":3.4}]}';
  return (
    <>
      <p>
        Push values with an <Link to="/tokens">API token</Link> that has the write scope, from a
        clone of Cairn with the CLI, or import a CSV file (columns <code>at</code>,{' '}
        <code>value</code> and any dimensions):
      </p>
      <ul className="help-list">
        <li>
          With the API:
          <pre className="command">
            {`curl -X POST "$CAIRN_URL/api/metrics/${metricKey}/datapoints" \\
  -H "Authorization: Bearer $CAIRN_TOKEN" -H 'Content-Type: application/json' \\
  -d '${body}'`}
          </pre>
        </li>
        <li>
          With the CLI (<code>CAIRN_URL</code> and <code>CAIRN_TOKEN</code> set):
          <pre className="command">
            {`npx cairn metric push ${metricKey} 3.4 [--at ISO] [--dim device=mobile]`}
          </pre>
        </li>
        <li>
          From a CSV file:
          <pre className="command">
            {`npx cairn metric import ${metricKey} values.csv [--skip-invalid]
curl -X POST "$CAIRN_URL/api/metrics/${metricKey}/datapoints/import" \\
  -H "Authorization: Bearer $CAIRN_TOKEN" -H 'Content-Type: text/csv' --data-binary @values.csv`}
          </pre>
        </li>
      </ul>
      <p>
        Every field is described in the <Link to="/reference">API reference</Link> (Metrics).
      </p>
    </>
  );
}
