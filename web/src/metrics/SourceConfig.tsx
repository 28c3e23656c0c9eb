import { Fact } from '../components/Fact.tsx';
import type { MetricSource } from './decision-api.ts';

const labels: Record<string, string> = {
  computation: 'Computation',
  service: 'Service',
  team: 'Team',
  repository: 'Repository',
  url: 'Prometheus',
  timeoutSeconds: 'Time limit (seconds)',
  rowLimit: 'Row limit',
};

/** The source's configuration: its query as code, the rest as facts (never credentials). */
export function SourceConfig({ source }: { source: MetricSource }) {
  const { query, ...rest } = source.config;
  const facts = Object.entries(rest).filter(
    ([name, value]) => name in labels && (typeof value === 'string' || typeof value === 'number'),
  );
  return (
    <>
      {facts.length > 0 && (
        <dl className="facts">
          {facts.map(([name, value]) => (
            <Fact key={name} term={labels[name] ?? name}>
              {String(value)}
            </Fact>
          ))}
        </dl>
      )}
      {typeof query === 'string' && (
        <>
          <h3>{source.kind === 'sql' ? 'SQL query' : 'PromQL query'}</h3>
          <pre className="command">
            <code>{query}</code>
          </pre>
        </>
      )}
    </>
  );
}
