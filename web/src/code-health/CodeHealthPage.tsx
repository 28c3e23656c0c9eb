import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { Tabs } from '../components/Tabs.tsx';
import { ContributionTab } from './ContributionTab.tsx';
import { CouplingTab } from './CouplingTab.tsx';
import { HotspotsTab } from './HotspotsTab.tsx';
import { OwnershipTab } from './OwnershipTab.tsx';
import { ScopeNotReady } from './ScopeNotReady.tsx';
import { ScopePicker } from './ScopePicker.tsx';
import { ScopeSummary } from './ScopeSummary.tsx';
import { type HealthTab, healthTabs, useHealthParams } from './useHealthParams.ts';
import { useHealthScope } from './useHealthScope.ts';
import { WindowPicker } from './WindowPicker.tsx';

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
          <ScopePicker
            repositories={all}
            teams={teams.data ?? []}
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
