import type { Dora } from '../api.ts';
import { BandBadge } from './BandBadge.tsx';
import { formatHours, formatPerWeek, formatRate, plural } from './dora-format.ts';
import { doraKeyTerms } from './dora-keys.ts';

/** The four keys in one row: value and band each (the dashboard has the rest). */
export function DoraSummary({ dora }: { dora: Dora }) {
  const keys = [
    {
      title: doraKeyTerms.frequency.title,
      value: formatPerWeek(dora.deploymentFrequency.perWeek),
      detail: plural(dora.deployments, 'deployment'),
      band: dora.deploymentFrequency.band,
    },
    {
      title: doraKeyTerms['lead-time'].title,
      value: formatHours(dora.leadTime.medianHours),
      detail: `median of ${plural(dora.leadTime.changes, 'change')}`,
      band: dora.leadTime.band,
    },
    {
      title: doraKeyTerms.failure.title,
      value: formatRate(dora.changeFailureRate.rate),
      detail: `${dora.changeFailureRate.failed} failed`,
      band: dora.changeFailureRate.band,
    },
    {
      title: doraKeyTerms.recovery.title,
      value: formatHours(dora.recoveryTime.medianHours),
      detail: `median of ${dora.recoveryTime.recovered} recovered`,
      band: dora.recoveryTime.band,
    },
  ];
  return (
    <dl className="dora-summary">
      {keys.map((key) => (
        <div key={key.title}>
          <dt>{key.title}</dt>
          <dd>
            <span className="dora-summary-value">{key.value}</span>{' '}
            <span className="muted small">{key.detail}</span>
            <br />
            <BandBadge band={key.band} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
