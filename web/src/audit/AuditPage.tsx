import { Fragment, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { listAudit } from '../api.ts';
import { DataTable } from '../components/DataTable.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorMessage, isForbidden } from '../components/ErrorMessage.tsx';
import { formatDateTime } from '../components/format-date.ts';
import { Loading } from '../components/Loading.tsx';
import { LoadMore } from '../components/LoadMore.tsx';
import { NotAllowed } from '../components/NotAllowed.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { usePagedQuery } from '../components/usePagedQuery.ts';
import { AuditChange } from './AuditChange.tsx';
import { AuditEntity } from './AuditEntity.tsx';
import { auditEntityTypes, isSessionEntry, parseEntityType } from './audit-entities.ts';

export function AuditPage() {
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const [onlyChanges, setOnlyChanges] = useState(true);
  const [params, setParams] = useSearchParams();
  const entityType = parseEntityType(params.get('entityType'));
  const { query: audit, items } = usePagedQuery(['audit', 'list', { entityType }], (page) =>
    listAudit({ ...page, entityType: entityType || undefined }),
  );
  const shown = onlyChanges ? items.filter((entry) => !isSessionEntry(entry)) : items;
  const hidden = items.length - shown.length;

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

  function setEntityFilter(value: string) {
    setParams(value ? { entityType: value } : {}, { replace: true });
  }

  return (
    <>
      {header}
      <div className="toolbar">
        <label htmlFor="audit-entity">Entity</label>
        <select
          id="audit-entity"
          value={entityType}
          onChange={(event) => setEntityFilter(event.target.value)}
        >
          <option value="">All</option>
          {auditEntityTypes.map((type) => (
            <option key={type.value} value={type.value}>
              {type.label}
            </option>
          ))}
        </select>
        <label className="checkbox toolbar-checkbox">
          <input
            type="checkbox"
            checked={onlyChanges}
            onChange={(event) => setOnlyChanges(event.target.checked)}
          />
          Only changes
        </label>
        {onlyChanges && hidden > 0 && (
          <span className="muted small" aria-live="polite">
            {hidden} {hidden === 1 ? 'sign-in or sign-out' : 'sign-ins and sign-outs'} hidden on the
            loaded pages
          </span>
        )}
      </div>
      <ErrorMessage error={audit.error} />
      {audit.isPending ? (
        <Loading label="Loading the audit log" />
      ) : shown.length === 0 ? (
        <EmptyState
          title={
            hidden > 0
              ? 'Only sign-ins and sign-outs here.'
              : entityType
                ? 'Nothing has changed here yet.'
                : 'Nothing has changed yet.'
          }
        />
      ) : (
        <DataTable columns={['When', 'Who', 'Via', 'Action', 'Entity', 'Changes']}>
          {shown.map((entry) => (
            <Fragment key={entry.id}>
              <tr>
                <td className="nowrap">{formatDateTime(entry.at)}</td>
                <td>{entry.actor}</td>
                <td>{entry.channel}</td>
                <td>
                  <code>{entry.action}</code>
                </td>
                <td>
                  <AuditEntity entry={entry} />
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
