import { useState } from 'react';
import { DataTable } from '../components/DataTable.tsx';
import { formatCount } from '../components/format-number.ts';
import { type HotspotViewProps, hotspotKey } from './hotspot-items.ts';

const pageSize = 25;

/** Hotspots ranked by score (commits × lines); choosing a file shows its weekly trend. */
export function HotspotTable({
  files,
  severalRepositories,
  selectedKey,
  onSelect,
}: HotspotViewProps) {
  const [shown, setShown] = useState(pageSize);
  return (
    <>
      <DataTable
        columns={[
          { label: 'Rank', numeric: true },
          'File',
          severalRepositories && 'Repository',
          { label: 'Commits', numeric: true },
          { label: 'Lines', numeric: true },
          { label: 'Score', numeric: true },
          { label: 'Authors', numeric: true },
        ]}
      >
        {files.slice(0, shown).map((file, index) => {
          const selected = hotspotKey(file) === selectedKey;
          return (
            <tr key={hotspotKey(file)} className={selected ? 'row-selected' : undefined}>
              <td className="numeric">{index + 1}</td>
              <td className="wrap-anywhere">
                <button
                  type="button"
                  className="link-button mono small"
                  aria-pressed={selected}
                  onClick={() => onSelect(file)}
                >
                  {file.path}
                </button>
              </td>
              {severalRepositories && <td>{file.repository}</td>}
              <td className="numeric">{formatCount(file.revisions)}</td>
              <td className="numeric">{formatCount(file.lines)}</td>
              <td className="numeric">{formatCount(file.score)}</td>
              <td className="numeric">{formatCount(file.authors)}</td>
            </tr>
          );
        })}
      </DataTable>
      {files.length > shown && (
        <div className="load-more">
          <button type="button" className="button" onClick={() => setShown(files.length)}>
            Show all {files.length} files
          </button>
        </div>
      )}
    </>
  );
}
