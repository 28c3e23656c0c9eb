import type { DoraWeeks } from '../api.ts';
import { ChartLegend } from '../components/ChartLegend.tsx';
import { WeeklyBars } from '../components/WeeklyBars.tsx';
import { formatHours } from './dora-format.ts';
import type { DoraKey } from './dora-keys.ts';

type Week = DoraWeeks['weeks'][number];

const failedColor = 'var(--danger)';
const okColor = 'var(--accent)';

/** One key week by week (ISO weeks, bars from their Monday), with its summary in words. */
export function DoraTrend({ keyId, weeks }: { keyId: DoraKey; weeks: Week[] }) {
  const { series, unit, summary } = trendOf(keyId, weeks);
  return (
    <figure className="chart-figure">
      <figcaption className="chart-caption">
        <span>{summary}</span>
        {series.length > 1 && (
          <ChartLegend
            label="Series"
            items={series.map((one) => ({ name: one.name, color: one.color }))}
          />
        )}
      </figcaption>
      <WeeklyBars
        weeks={weeks.map((week) => week.start)}
        series={series}
        unit={unit}
        summary={summary}
        height={160}
      />
    </figure>
  );
}

function trendOf(keyId: DoraKey, weeks: Week[]) {
  const values = (value: (week: Week) => number | null) => weeks.map((week) => value(week) ?? 0);
  const span = `over ${weeks.length} weeks`;
  switch (keyId) {
    case 'frequency': {
      const total = weeks.reduce((sum, week) => sum + week.deployments, 0);
      const active = weeks.filter((week) => week.deployments > 0).length;
      return {
        series: [{ name: 'Deployments', color: okColor, values: values((w) => w.deployments) }],
        unit: 'deployments',
        summary: `Deployments per week ${span}: ${total} in ${active} of the weeks.`,
      };
    }
    case 'lead-time':
      return {
        series: [{ name: 'Median lead time', color: okColor, values: values(leadTime) }],
        unit: 'hours (median lead time)',
        summary: `Median lead time per week ${span}, in hours; ${lastOf(weeks, leadTime)}.`,
      };
    case 'failure': {
      const failing = weeks.filter((week) => week.failed > 0).length;
      return {
        series: [
          { name: 'Failed', color: failedColor, values: values((w) => w.failed) },
          { name: 'Not failed', color: okColor, values: values((w) => w.deployments - w.failed) },
        ],
        unit: 'deployments',
        summary: `Failed and other deployments per week ${span}; ${failing} had a failure.`,
      };
    }
    case 'recovery':
      return {
        series: [{ name: 'Median time to restore', color: failedColor, values: values(recovery) }],
        unit: 'hours (median time to restore)',
        summary: `Median time to restore per week ${span}, in hours; ${lastOf(weeks, recovery)}.`,
      };
  }
}

const leadTime = (week: Week) => week.leadTimeMedianHours;
const recovery = (week: Week) => week.recoveryMedianHours;

/** "3 weeks have one, the last (2026-W07) 4 h". */
function lastOf(weeks: Week[], value: (week: Week) => number | null): string {
  const having = weeks.filter((week) => value(week) !== null);
  const last = having.at(-1);
  if (!last) return 'no week has one';
  return `${having.length} weeks have one, the last (${last.week}) ${formatHours(value(last))}`;
}
