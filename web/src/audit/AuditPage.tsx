import { Fragment, useState } from 'react';
import { type AuditEntry, listAudit } from '../api.ts';
import { DataTable } from '../components/DataTable.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorMessage, isForbidden } from '../components/ErrorMessage.tsx';
import { formatDateTime } from '../components/format-date.ts';
import { Loading } from '../components/Loading.tsx';
import { LoadMore } from '../components/LoadMore.tsx';
import { NotAllowed } from '../components/NotAllowed.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { usePagedQuery } from '../components/usePagedQuery.ts';

export function AuditPage() {
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const { query: audit, items } = usePagedQuery(['audit', 'list'], listAudit);

  const header = (
    <PageHeader title="Audit log" description="Every change, who made it and how, newest first." />
  );
  if (isForbidden(audit.error)) {
    return (
      <>
        {header}
        <NotAllowed who="admins" />
      </>
    );
  }

  function toggle(id: number) {
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  return (
    <>
      {header}
      <ErrorMessage error={audit.error} />
      {audit.isPending ? (
        <Loading label="Loading the audit log" />
      ) : items.length === 0 ? (
        <EmptyState title="Nothing has changed yet." />
      ) : (
        <DataTable columns={['When', 'Who', 'Via', 'Action', 'Entity', 'Changes']}>
          {items.map((entry) => (
            <Fragment key={entry.id}>
              <tr>
                <td className="nowrap">{formatDateTime(entry.at)}</td>
                <td>{entry.actor}</td>
                <td>{entry.channel}</td>
                <td>
                  <code>{entry.action}</code>
                </td>
                <td>
                  {entry.entityType}
                  {entry.entityId && <span className="muted mono small"> {entry.entityId}</span>}
                </td>
                <td>
                  {entry.before === null && entry.after === null ? (
                    <span className="muted">—</span>
                  ) : (
                    <button
                      type="button"
                      className="button button-small"
                      aria-expanded={open.has(entry.id)}
                      aria-controls={`audit-${entry.id}`}
                      onClick={() => toggle(entry.id)}
                    >
                      {open.has(entry.id) ? 'Hide' : 'Show'}
                      <span className="visually-hidden"> changes of entry {entry.id}</span>
                    </button>
                  )}
                </td>
              </tr>
              {open.has(entry.id) && (
                <tr id={`audit-${entry.id}`} className="detail-row">
                  <td colSpan={6}>
                    <AuditChange entry={entry} />
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </DataTable>
      )}
      <LoadMore query={audit} />
    </>
  );
}

function AuditChange({ entry }: { entry: AuditEntry }) {
  return (
    <div className="diff">
      <div>
        <h3>Before</h3>
        <pre>{entry.before === null ? '(nothing)' : JSON.stringify(entry.before, null, 2)}</pre>
      </div>
      <div>
        <h3>After</h3>
        <pre>{entry.after === null ? '(nothing)' : JSON.stringify(entry.after, null, 2)}</pre>
      </div>
    </div>
  );
}
