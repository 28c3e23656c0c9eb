import { Link } from 'react-router-dom';
import type { Ownership } from '../api.ts';
import { DataTable } from '../components/DataTable.tsx';
import { formatCount, formatPercent } from '../components/format-number.ts';
import { ShareBar } from '../components/ShareBar.tsx';

/** Files or folders with their main author and how concentrated the knowledge of them is. */
export function OwnershipTable({
  rows,
  kind,
  severalRepositories,
}: {
  rows: Ownership[];
  kind: 'File' | 'Folder';
  severalRepositories: boolean;
}) {
  return (
    <DataTable
      columns={[
        kind,
        severalRepositories && 'Repository',
        'Main author',
        'Share',
        { label: 'Authors', numeric: true },
        { label: 'Fragmentation', numeric: true },
        { label: 'Lines added', numeric: true },
        'Risk',
      ]}
    >
      {rows.map((row) => (
        <tr key={`${row.repository}:${row.path}`}>
          <td className="mono small wrap-anywhere">
            {row.path}
            {kind === 'Folder' && '/'}
          </td>
          {severalRepositories && <td>{row.repository}</td>}
          <td>
            {row.mainAuthor.personId ? (
              <Link to={`/people/${row.mainAuthor.personId}`}>{row.mainAuthor.name}</Link>
            ) : (
              <>
                {row.mainAuthor.name}
                <span className="cell-detail">not matched to a person</span>
              </>
            )}
          </td>
          <td>
            <ShareBar share={row.mainAuthorShare} tone={row.knowledgeIsland ? 'warm' : 'accent'} />
          </td>
          <td className="numeric">{formatCount(row.authors)}</td>
          <td className="numeric">{formatPercent(row.fragmentation)}</td>
          <td className="numeric">{formatCount(row.linesAdded)}</td>
          <td>
            {row.knowledgeIsland && <span className="badge badge-warning">Knowledge island</span>}
            {row.knowledgeLoss && (
              <span className="badge badge-danger">Knowledge loss: {row.knowledgeLoss}</span>
            )}
            {!row.knowledgeIsland && !row.knowledgeLoss && <span className="muted">—</span>}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
