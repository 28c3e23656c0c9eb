import type { Dora, DoraDeployment, DoraWeeks } from '../api.ts';
import { formatCount } from '../components/format-number.ts';
import { formatHours, formatPerWeek, formatRate, plural } from './dora-format.ts';
import { type DoraKey, deploymentsBehind } from './dora-keys.ts';
import { KeyCard } from './KeyCard.tsx';

type Week = DoraWeeks['weeks'][number];

/** The four keys side by side; choosing one lists the deployments behind it below. */
export function DoraCards({
  dora,
  weeks,
  deployments,
  selected,
  onSelect,
}: {
  dora: Dora;
  weeks: Week[];
  deployments: DoraDeployment[] | undefined;
  selected: DoraKey;
  onSelect: (key: DoraKey) => void;
}) {
  const { deploymentFrequency: frequency, leadTime, changeFailureRate, recoveryTime } = dora;
  const pending = (deployments ?? []).filter((one) => one.changesState === 'pending').length;
  const count = (key: DoraKey) =>
    deployments ? deploymentsBehind(key, deployments).length : undefined;
  const card = (key: DoraKey) => ({
    id: key,
    selected: selected === key,
    onSelect: () => onSelect(key),
  });
  const series = (value: (week: Week) => number | null) => weeks.map((week) => value(week) ?? 0);
  const said = (label: string, value: (week: Week) => string) =>
    `${label} per week, oldest first: ${weeks.map(value).join(', ')}.`;

  return (
    <div className="dora-cards">
      <KeyCard
        {...card('frequency')}
        value={formatPerWeek(frequency.perWeek)}
        band={frequency.band}
        counts={[
          { label: 'Deployments', value: formatCount(dora.deployments) },
          {
            label: 'Median deploy-days a week',
            value: formatCount(frequency.medianDeployDaysPerWeek),
          },
        ]}
        trend={series((week) => week.deployments)}
        trendSummary={said('Deployments', (week) => String(week.deployments))}
        select={`Show all ${plural(dora.deployments, 'deployment')}`}
      />
      <KeyCard
        {...card('lead-time')}
        value={formatHours(leadTime.medianHours)}
        band={leadTime.band}
        detail={
          leadTime.medianHours !== null ? (
            <>
              median · p75 {formatHours(leadTime.p75Hours)} · p90 {formatHours(leadTime.p90Hours)}
            </>
          ) : pending > 0 ? (
            `No changes counted yet: the commits of ${plural(pending, 'deployment')} are not synced from git.`
          ) : (
            'No changes counted: is a repository connected to the service?'
          )
        }
        counts={[{ label: 'Changes', value: formatCount(leadTime.changes) }]}
        trend={series((week) => week.leadTimeMedianHours)}
        trendSummary={said('Median lead time', (week) => formatHours(week.leadTimeMedianHours))}
        select={`Show the ${plural(count('lead-time') ?? 0, 'deployment')} with changes`}
      />
      <KeyCard
        {...card('failure')}
        value={formatRate(changeFailureRate.rate)}
        band={changeFailureRate.band}
        counts={[
          { label: 'Failed', value: formatCount(changeFailureRate.failed) },
          { label: 'Deployments', value: formatCount(dora.deployments) },
        ]}
        trend={series((week) => week.failed)}
        trendSummary={said('Failed deployments', (week) => String(week.failed))}
        select={`Show the ${plural(changeFailureRate.failed, 'failed deployment')}`}
      />
      <KeyCard
        {...card('recovery')}
        value={formatHours(recoveryTime.medianHours)}
        band={recoveryTime.band}
        detail={recoveryTime.medianHours !== null && 'median'}
        counts={[
          { label: 'Recovered', value: formatCount(recoveryTime.recovered) },
          { label: 'Failed', value: formatCount(changeFailureRate.failed) },
        ]}
        trend={series((week) => week.recoveryMedianHours)}
        trendSummary={said('Median time to restore', (week) =>
          formatHours(week.recoveryMedianHours),
        )}
        select={`Show the ${plural(recoveryTime.recovered, 'recovered deployment')}`}
      />
    </div>
  );
}
