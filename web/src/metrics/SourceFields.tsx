import { useState } from 'react';
import type { BuiltinComputation, Metric, MetricSource, Team } from '../api.ts';
import { useSession } from '../auth/useSession.ts';
import { Field } from '../components/Field.tsx';
import { sourceLabels } from './metric-terms.ts';
import { PushDatapointsHelp } from './PushDatapointsHelp.tsx';
import { SourceBuiltinFields } from './SourceBuiltinFields.tsx';
import { SourceFieldErrors } from './SourceFieldErrors.tsx';
import { SourcePrometheusFields } from './SourcePrometheusFields.tsx';
import { SourceScheduleFields } from './SourceScheduleFields.tsx';
import { SourceSqlFields } from './SourceSqlFields.tsx';
import { computedSources } from './source-input.ts';

const sourceHints: Record<Metric['source'], string> = {
  push: 'Values are pushed to Cairn with the API or the CLI.',
  csv: 'Values are imported from CSV files.',
  builtin: 'Cairn computes it from its own deployments, incidents and commits.',
  sql: 'Cairn runs your query on a PostgreSQL database, on a schedule.',
  prometheus: 'Cairn asks a Prometheus server, on a schedule.',
};

/**
 * Where its numbers come from: pushed or imported, or computed by Cairn (built in, SQL,
 * PromQL) with the fields each needs. Problems with the source show at their fields.
 */
export function SourceFields({
  prefix,
  metric,
  source,
  teams,
  error,
  onComputation,
}: {
  prefix: string;
  metric: Metric | undefined;
  /** A computed metric's stored source, to start from. */
  source: MetricSource | undefined;
  teams: Team[];
  error: unknown;
  onComputation: (computation: BuiltinComputation) => void;
}) {
  const [kind, setKind] = useState<Metric['source']>(metric?.source ?? 'push');
  // Only admins connect a SQL source (Cairn connects with the credentials given): others do not
  // see it offered, unless the metric already has one.
  const isAdmin = useSession().user?.role === 'admin';
  const offered = Object.entries(sourceLabels).filter(
    ([value]) => value !== 'sql' || isAdmin || metric?.source === 'sql',
  );
  const computed = computedSources.has(kind);
  const stopsComputing = metric && computedSources.has(metric.source) && !computed;
  return (
    <fieldset className="source-fields">
      <legend>Where its numbers come from</legend>
      <SourceFieldErrors error={error}>
        <Field
          id={`${prefix}-source`}
          label="Source"
          hint={
            stopsComputing
              ? `${sourceHints[kind]} Cairn stops computing it; the values it computed stay.`
              : sourceHints[kind]
          }
        >
          <select
            id={`${prefix}-source`}
            name="source"
            value={kind}
            onChange={(event) => setKind(event.target.value as Metric['source'])}
            aria-describedby={`${prefix}-source-hint`}
          >
            {offered.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </Field>
        {!computed && (
          <details className="source-help">
            <summary>How values reach it</summary>
            <PushDatapointsHelp metricKey={metric?.key ?? 'your.metric.key'} />
          </details>
        )}
        {kind === 'builtin' && (
          <SourceBuiltinFields
            prefix={prefix}
            source={source}
            teams={teams}
            onComputation={onComputation}
          />
        )}
        {kind === 'sql' && <SourceSqlFields prefix={prefix} source={source} />}
        {kind === 'prometheus' && <SourcePrometheusFields prefix={prefix} source={source} />}
        {computed && <SourceScheduleFields prefix={prefix} source={source} />}
      </SourceFieldErrors>
    </fieldset>
  );
}
