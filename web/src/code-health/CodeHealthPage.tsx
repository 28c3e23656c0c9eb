import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { ScopeSelect } from '../components/ScopeSelect.tsx';
import { Tabs } from '../components/Tabs.tsx';
import { WindowPicker } from '../components/WindowPicker.tsx';
import { todayUtc } from '../components/window-dates.ts';
import { ContributionTab } from './ContributionTab.tsx';
import { CouplingTab } from './CouplingTab.tsx';
import { HotspotsTab } from './HotspotsTab.tsx';
import { monthsBefore } from './health-window.ts';
import { OwnershipTab } from './OwnershipTab.tsx';
import { ScopeNotReady } from './ScopeNotReady.tsx';
import { ScopeSummary } from './ScopeSummary.tsx';
import { type HealthTab, healthTabs, useHealthParams } from './useHealthParams.ts';
import { useHealthScope } from './useHealthScope.ts';

const tabs = {
  hotspots: HotspotsTab,
  ownership: OwnershipTab,
  coupling: CouplingTab,
  contribution: ContributionTab,
};

export function CodeHealthPage() {
  const params = useHealthParams();
  const { scope, repositories, teams } = useHealthScope(params);
  const header = (
    <PageHeader
      title="Code health"
      description="Where the code is costly to change and who knows it, from the history of your repositories."
    />
  );
  if (repositories.isPending || teams.isPending || repositories.isError) {
    return (
      <>
        {header}
        {repositories.isError ? (
          <ErrorMessage error={repositories.error} />
        ) : (
          <Loading label="Loading repositories" />
        )}
      </>
    );
  }
  const all = repositories.data ?? [];
  const ready = scope?.repositories.some((repository) => repository.syncedAt) ?? false;
  const TabPanel = tabs[params.tab];
  return (
    <>
      {header}
      <ErrorMessage error={teams.error} />
      {all.length > 0 && (
        <div className="health-controls">
          <ScopeSelect
            id="health-scope"
            label="Scope"
            kind="repository"
            items={all}
            itemsLabel="Repositories"
            teams={teams.data ?? []}
            teamsLabel="Teams (their repositories)"
            value={
              params.team
                ? `team:${params.team}`
                : `repository:${scope?.repositories[0]?.id ?? params.repository ?? ''}`
            }
            onChange={(next) =>
              params.update({
                repository: next.repository,
                team: next.team,
                file: undefined,
                in: undefined,
              })
            }
          />
          <WindowPicker
            idPrefix="health"
            presets={[3, 6, 12].map((months) => ({
              label: `Last ${months} months`,
              from: monthsBefore(todayUtc(), months),
            }))}
            from={params.from}
            to={params.to}
            onChange={(window, typing) => params.update(window, { replace: typing })}
          />
        </div>
      )}
      {scope && <ScopeSummary scope={scope} />}
      {!ready || !scope ? (
        <ScopeNotReady scope={scope} hasRepositories={all.length > 0} />
      ) : (
        <Tabs
          idPrefix="health"
          label="Code health reports"
          tabs={[...healthTabs]}
          selected={params.tab}
          onSelect={(tab: HealthTab) =>
            params.update({ tab: tab === 'hotspots' ? undefined : tab })
          }
        >
          <TabPanel scope={scope} params={params} />
        </Tabs>
      )}
    </>
  );
}
