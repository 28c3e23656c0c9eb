import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Ref } from 'react';
import { type FileTrend, getFileTrend } from '../api.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { formatDate } from '../components/format-date.ts';
import { formatCount } from '../components/format-number.ts';
import { Loading } from '../components/Loading.tsx';
import { WeeklyBars } from '../components/WeeklyBars.tsx';
import { fillWeeks, weeksBetween } from './health-window.ts';

/** How often one file changed, week by week over the window (following its renames). */
export function FileTrendPanel({
  repository,
  path,
  from,
  to,
  version,
  headingRef,
  onClose,
}: {
  repository: string;
  path: string;
  from: string;
  to: string;
  version: string;
  headingRef: Ref<HTMLHeadingElement>;
  onClose: () => void;
}) {
  const trend = useQuery({
    queryKey: ['code-health', 'file-trend', repository, path, from, to, version],
    queryFn: () => getFileTrend({ repository, path, from, to }),
    placeholderData: keepPreviousData,
  });
  const weeks = weeksBetween(from, to);

  return (
    <section className="card trend-panel" aria-labelledby="trend-title">
      <div className="section-header section-header-tight">
        <h3 id="trend-title" tabIndex={-1} ref={headingRef}>
          Weekly changes of <code>{path}</code>
        </h3>
        <button type="button" className="button button-small" onClick={onClose}>
          Close<span className="visually-hidden"> the trend of {path}</span>
        </button>
      </div>
      <ErrorMessage error={trend.error} />
      {trend.isPending ? (
        <Loading label="Loading the trend" />
      ) : trend.data ? (
        <>
          <p className="chart-summary">{summarise(trend.data, weeks.length)}</p>
          <WeeklyBars
            weeks={weeks}
            series={[
              {
                name: 'Commits',
                color: 'var(--hot)',
                values: fillWeeks(weeks, trend.data.weeks, (week) => week.commits),
              },
            ]}
            unit="commits"
            summary={`Commits per week to ${path}. ${summarise(trend.data, weeks.length)}`}
          />
        </>
      ) : null}
    </section>
  );
}

function summarise(trend: FileTrend, weekCount: number): string {
  if (trend.weeks.length === 0) return 'It did not change in this window.';
  const commits = trend.weeks.reduce((sum, week) => sum + week.commits, 0);
  const added = trend.weeks.reduce((sum, week) => sum + week.linesAdded, 0);
  const deleted = trend.weeks.reduce((sum, week) => sum + week.linesDeleted, 0);
  const busiest = trend.weeks.reduce((best, week) => (week.commits > best.commits ? week : best));
  const last = trend.weeks.at(-1)?.week ?? busiest.week;
  const noun = commits === 1 ? 'commit' : 'commits';
  return (
    `${formatCount(commits)} ${noun} in ${trend.weeks.length} of ${weekCount} weeks: ` +
    `+${formatCount(added)} / −${formatCount(deleted)} lines. ` +
    `Busiest: the week of ${formatDate(busiest.week)} (${formatCount(busiest.commits)}). ` +
    `Last changed the week of ${formatDate(last)}.`
  );
}
