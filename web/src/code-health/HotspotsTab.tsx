import { useEffect, useRef, useState } from 'react';
import { getHotspots } from '../api.ts';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { formatDate } from '../components/format-date.ts';
import { Loading } from '../components/Loading.tsx';
import { FileTrendPanel } from './FileTrendPanel.tsx';
import { HotspotMap } from './HotspotMap.tsx';
import { HotspotTable } from './HotspotTable.tsx';
import { type Hotspot, hotspotKey } from './hotspot-items.ts';
import type { HealthParams } from './useHealthParams.ts';
import { useHealthQuery } from './useHealthQuery.ts';
import type { HealthScope } from './useHealthScope.ts';

const limit = 200;

/** Files that change often and are big: where work is slow and risky, first. */
export function HotspotsTab({ scope, params }: { scope: HealthScope; params: HealthParams }) {
  const { from, to } = params;
  const hotspots = useHealthQuery('hotspots', scope, { from, to, limit }, () =>
    getHotspots({ ...scope.query, from, to, limit }),
  );
  const trendHeading = useRef<HTMLHeadingElement>(null);
  const [focusTrend, setFocusTrend] = useState(0);
  useEffect(() => {
    if (focusTrend) trendHeading.current?.focus();
  }, [focusTrend]);

  if (hotspots.isPending) return <Loading label="Loading hotspots" />;
  if (hotspots.isError) return <ErrorMessage error={hotspots.error} />;
  const { files, repositories } = hotspots.data;
  const several = repositories.length > 1;
  const selected = files.find(
    (file) => file.path === params.file && (!several || file.repositoryId === params.fileIn),
  );

  function select(file: Hotspot, fromTable: boolean) {
    params.update({ file: file.path, in: several ? file.repositoryId : undefined });
    if (fromTable) setFocusTrend((count) => count + 1);
  }

  if (files.length === 0) {
    return (
      <EmptyState title={`No file changed between ${formatDate(from)} and ${formatDate(to)}.`}>
        <p>Choose a longer window, or another scope.</p>
      </EmptyState>
    );
  }
  return (
    <>
      <p className="tab-intro">
        A hotspot changes often and is big: <strong>score = commits in the window × lines</strong>.
        Work there is slow and risky, so it is where refactoring pays first.
      </p>
      <HotspotMap
        files={files}
        severalRepositories={several}
        selectedKey={selected && hotspotKey(selected)}
        onSelect={(file) => select(file, false)}
      />
      {selected && (
        <FileTrendPanel
          repository={selected.repositoryId}
          path={selected.path}
          from={from}
          to={to}
          version={scope.version}
          headingRef={trendHeading}
          onClose={() => params.update({ file: undefined, in: undefined })}
        />
      )}
      <h3>Ranked by score</h3>
      <HotspotTable
        files={files}
        severalRepositories={several}
        selectedKey={selected && hotspotKey(selected)}
        onSelect={(file) => select(file, true)}
      />
    </>
  );
}
