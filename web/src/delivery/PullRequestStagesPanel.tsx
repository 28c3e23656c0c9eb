import { useState } from 'react';
import type { PullRequestStages } from '../api.ts';
import { DataTable } from '../components/DataTable.tsx';
import { formatHours } from './dora-format.ts';

const stages = [
  { key: 'codingHours', name: 'Coding', definition: 'first commit → pull request opened' },
  { key: 'pickupHours', name: 'Pickup', definition: 'opened → first review by someone else' },
  { key: 'reviewHours', name: 'Review', definition: 'first review → merged' },
  { key: 'deployHours', name: 'Deploy', definition: 'merged → in production' },
] as const;

const firstRows = 20;

/** Where lead time goes, stage by stage, for the pull requests merged in the window. */
export function PullRequestStagesPanel({ stages: data }: { stages: PullRequestStages }) {
  const [all, setAll] = useState(false);
  const items = all ? data.items : data.items.slice(0, firstRows);
  return (
    <section aria-labelledby="pr-stages-title">
      <h2 id="pr-stages-title" className="section-title">
        Pull requests: lead time by stage
      </h2>
      <p className="muted">
        Medians over the {data.pullRequests} pull requests merged in the window (reported by the
        GitHub or GitLab webhook).
      </p>
      <ol className="pr-stages">
        {stages.map((stage) => (
          <li key={stage.key}>
            <span className="pr-stage-name">{stage.name}</span>
            <span className="pr-stage-value">{formatHours(data[stage.key])}</span>
            <span className="pr-stage-definition">{stage.definition}</span>
          </li>
        ))}
      </ol>
      <DataTable
        columns={[
          'Pull request',
          'Service',
          ...stages.map((stage) => ({ label: stage.name, numeric: true })),
        ]}
      >
        {items.map((item) => (
          <tr key={`${item.service}-${item.number}`}>
            <td>
              {item.url ? (
                <a href={item.url} target="_blank" rel="noreferrer">
                  #{item.number} {item.title}
                </a>
              ) : (
                <>
                  #{item.number} {item.title}
                </>
              )}
            </td>
            <td>{item.service}</td>
            {stages.map((stage) => (
              <td key={stage.key} className="numeric">
                {formatHours(item[stage.key])}
              </td>
            ))}
          </tr>
        ))}
      </DataTable>
      {data.items.length > firstRows && (
        <div className="load-more">
          <button type="button" className="button" onClick={() => setAll(!all)}>
            {all ? `Show the first ${firstRows}` : `Show all ${data.items.length}`}
          </button>
        </div>
      )}
    </section>
  );
}
