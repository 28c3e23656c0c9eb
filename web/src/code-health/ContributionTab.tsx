import { getContribution } from '../api.ts';
import { useSession } from '../auth/useSession.ts';
import { ChartLegend } from '../components/ChartLegend.tsx';
import { noTeamColor, seriesColor } from '../components/color-scale.ts';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { formatCount } from '../components/format-number.ts';
import { Loading } from '../components/Loading.tsx';
import { WeeklyBars } from '../components/WeeklyBars.tsx';
import { useAllTeams } from '../org/useOrgLookups.ts';
import { measureUnits, seriesValues, sum } from './contribution-series.ts';
import { weeksBetween } from './health-window.ts';
import { MeasureToggle } from './MeasureToggle.tsx';
import { PeopleSeriesTable } from './PeopleSeriesTable.tsx';
import type { HealthParams } from './useHealthParams.ts';
import { useHealthQuery } from './useHealthQuery.ts';
import type { HealthScope } from './useHealthScope.ts';

/** Who works where, week by week: per team, and per person for those the reader may see. */
export function ContributionTab({ scope, params }: { scope: HealthScope; params: HealthParams }) {
  const { user } = useSession();
  const teams = useAllTeams();
  const { from, to, measure } = params;
  const contribution = useHealthQuery('contribution', scope, { from, to }, () =>
    getContribution({ ...scope.query, from, to }),
  );
  if (contribution.isPending) return <Loading label="Loading contribution" />;
  if (contribution.isError) return <ErrorMessage error={contribution.error} />;
  const weeks = weeksBetween(from, to);
  const unit = measureUnits[measure];
  const series = contribution.data.teams.map((team, index) => ({
    name: team.name,
    // authors in no team (or matched to no person) in grey, teams in colour
    color: team.teamId === null ? noTeamColor : seriesColor(index),
    values: seriesValues(weeks, team.weeks, measure),
  }));
  const total = sum(series.map((one) => sum(one.values)));
  if (series.length === 0) {
    return (
      <EmptyState title="No commits in this window.">
        <p>Choose a longer window, or another scope. Bots are left out.</p>
      </EmptyState>
    );
  }
  const summary = `${formatCount(total)} ${unit} over ${weeks.length} weeks: ${series
    .map((one) => `${one.name} ${formatCount(sum(one.values))}`)
    .join(', ')}.`;
  return (
    <>
      <div className="section-header section-header-tight">
        <h3>{measure === 'commits' ? 'Commits' : 'Changed lines'} per week, by team</h3>
        <MeasureToggle
          value={measure}
          onChange={(value) => params.update({ measure: value === 'lines' ? value : undefined })}
        />
      </div>
      <p className="chart-summary">
        {summary}
        {'team' in scope.query &&
          ` For a team this counts its people's commits in every repository, not only ${scope.name}'s.`}
      </p>
      <ChartLegend
        label="Teams"
        items={series.map((one) => ({
          name: one.name,
          color: one.color,
          detail: formatCount(sum(one.values)),
        }))}
      />
      <WeeklyBars
        weeks={weeks}
        series={series}
        unit={unit}
        summary={`${unit} per week, stacked by team. ${summary}`}
        height={240}
      />
      <h3>People</h3>
      {user.role !== 'admin' && (
        <p className="notice-inline">
          You see people-level data for yourself and your reports; the team totals above count
          everyone in teams of three or more authors.
          {contribution.data.hiddenTeams > 0 &&
            ` ${contribution.data.hiddenTeams} smaller ${
              contribution.data.hiddenTeams === 1 ? 'team is' : 'teams are'
            } left out: their totals would show individuals' numbers.`}
        </p>
      )}
      {contribution.data.people.length === 0 ? (
        <EmptyState title="No one you may see committed in this window." />
      ) : (
        <PeopleSeriesTable
          people={contribution.data.people}
          weeks={weeks}
          measure={measure}
          teams={teams.data}
        />
      )}
    </>
  );
}
