import { getCoupling } from '../api.ts';
import { DataTable } from '../components/DataTable.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { formatCount } from '../components/format-number.ts';
import { Loading } from '../components/Loading.tsx';
import { ShareBar } from '../components/ShareBar.tsx';
import { CouplingControls } from './CouplingControls.tsx';
import { type CouplingThresholds, couplingDefaults, type HealthParams } from './useHealthParams.ts';
import { useHealthQuery } from './useHealthQuery.ts';
import type { HealthScope } from './useHealthScope.ts';

const limit = 100;

/** Files that change together: hidden dependencies, and a reason to move code closer. */
export function CouplingTab({ scope, params }: { scope: HealthScope; params: HealthParams }) {
  const { from, to, coupling: thresholds } = params;
  const coupling = useHealthQuery('coupling', scope, { from, to, limit, ...thresholds }, () =>
    getCoupling({ ...scope.query, from, to, limit, ...thresholds }),
  );
  return (
    <>
      <p className="tab-intro">
        Two files are coupled when the same commits change them. Coupling across modules or teams is
        a hidden dependency: each change there costs twice.
      </p>
      <CouplingControls values={thresholds} onApply={(values) => params.update(changed(values))} />
      {coupling.isPending ? (
        <Loading label="Loading coupling" />
      ) : coupling.isError ? (
        <ErrorMessage error={coupling.error} />
      ) : coupling.data.pairs.length === 0 ? (
        <EmptyState title="No pair of files changed together often enough.">
          <p>Lower the thresholds above, or choose a longer window.</p>
        </EmptyState>
      ) : (
        <DataTable
          columns={[
            'File',
            'Changes with',
            coupling.data.repositories.length > 1 && 'Repository',
            { label: 'Shared commits', numeric: true },
            { label: 'Commits (each)', numeric: true },
            'Degree',
          ]}
        >
          {coupling.data.pairs.map((pair) => (
            <tr key={`${pair.repository}:${pair.path}:${pair.coupledPath}`}>
              <td className="mono small wrap-anywhere">{pair.path}</td>
              <td className="mono small wrap-anywhere">{pair.coupledPath}</td>
              {coupling.data.repositories.length > 1 && <td>{pair.repository}</td>}
              <td className="numeric">{formatCount(pair.shared)}</td>
              <td className="numeric nowrap">
                {formatCount(pair.revisions)} / {formatCount(pair.coupledRevisions)}
              </td>
              <td>
                <ShareBar share={pair.degree} tone="warm" />
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}

/** Only the thresholds that differ from the defaults go into the URL. */
function changed(values: CouplingThresholds) {
  const names = Object.keys(couplingDefaults) as (keyof CouplingThresholds)[];
  return Object.fromEntries(
    names.map((name) => [name, values[name] === couplingDefaults[name] ? undefined : values[name]]),
  );
}
