import { getOwnership } from '../api.ts';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { formatDate } from '../components/format-date.ts';
import { Loading } from '../components/Loading.tsx';
import { OwnershipTable } from './OwnershipTable.tsx';
import type { HealthParams } from './useHealthParams.ts';
import { useHealthQuery } from './useHealthQuery.ts';
import type { HealthScope } from './useHealthScope.ts';

const limit = 100;

/** Who knows the code: main authors, and where knowledge sits with one person or has left. */
export function OwnershipTab({ scope, params }: { scope: HealthScope; params: HealthParams }) {
  const { from, to } = params;
  const ownership = useHealthQuery('ownership', scope, { from, to, limit }, () =>
    getOwnership({ ...scope.query, from, to, limit }),
  );
  if (ownership.isPending) return <Loading label="Loading ownership" />;
  if (ownership.isError) return <ErrorMessage error={ownership.error} />;
  const { files, folders, repositories } = ownership.data;
  const several = repositories.length > 1;
  if (files.length === 0) {
    return (
      <EmptyState title={`No lines added between ${formatDate(from)} and ${formatDate(to)}.`}>
        <p>Choose a longer window, or another scope.</p>
      </EmptyState>
    );
  }
  return (
    <>
      <dl className="terms">
        <div>
          <dt>Main author and share</dt>
          <dd>Who added the most lines in the window, and their share of all lines added.</dd>
        </div>
        <div>
          <dt>Fragmentation</dt>
          <dd>0 % when one person wrote it all, towards 100 % when many wrote a little each.</dd>
        </div>
        <div>
          <dt>Knowledge island</dt>
          <dd>One active author added 95 % or more: if they are away, nobody knows it well.</dd>
        </div>
        <div>
          <dt>Knowledge loss</dt>
          <dd>
            The main author has <em>left</em> (has an end date) or is <em>inactive</em> (no commit
            for 6 months): share what is left of their knowledge first.
          </dd>
        </div>
      </dl>
      <p className="muted small">Riskiest first; bots are left out. Up to {limit} of each.</p>
      <h3>Files</h3>
      <OwnershipTable rows={files} kind="File" severalRepositories={several} />
      <h3>Folders</h3>
      {folders.length === 0 ? (
        <p className="muted">No folders: every file changed is at the top level.</p>
      ) : (
        <OwnershipTable rows={folders} kind="Folder" severalRepositories={several} />
      )}
    </>
  );
}
