import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { Identity, Person, UpdateIdentity } from '../api.ts';
import { formatCount } from '../components/format-number.ts';
import { RelativeTime } from '../components/RelativeTime.tsx';
import { MergeIdentityForm } from './MergeIdentityForm.tsx';

/** One commit identity, the person it counts for, and (for admins) what to do about it. */
export function IdentityRow({
  identity,
  canEdit,
  people,
  labels,
  busy,
  onChange,
}: {
  identity: Identity;
  canEdit: boolean;
  people: Person[];
  labels: Map<string, string>;
  busy: boolean;
  onChange: (change: UpdateIdentity) => void;
}) {
  const [merging, setMerging] = useState(false);
  const who = `${identity.name} <${identity.email}>`;
  return (
    <>
      <tr className={identity.isBot ? 'row-muted' : undefined}>
        <td>
          {identity.name}
          {identity.isBot && <span className="badge badge-muted">bot</span>}
        </td>
        <td className="wrap-anywhere">{identity.email}</td>
        <td className="numeric">{formatCount(identity.commits)}</td>
        <td className="nowrap">
          <RelativeTime value={identity.lastCommitAt} />
        </td>
        <td>
          {identity.personId ? (
            <>
              <Link to={`/people/${identity.personId}`}>{identity.personName}</Link>
              <span className="cell-detail">
                {identity.matchedBy === 'admin' ? 'merged by an admin' : 'by email'}
              </span>
            </>
          ) : (
            <span className="muted">{identity.isBot ? '—' : 'Unmatched'}</span>
          )}
        </td>
        {canEdit && (
          <td>
            <div className="row-actions">
              {!identity.isBot && !merging && (
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => setMerging(true)}
                >
                  Merge into person…<span className="visually-hidden"> ({who})</span>
                </button>
              )}
              {identity.matchedBy === 'admin' && (
                <button
                  type="button"
                  className="button button-small"
                  disabled={busy}
                  onClick={() => onChange({ personId: null })}
                >
                  Undo merge<span className="visually-hidden"> of {who}</span>
                </button>
              )}
              <button
                type="button"
                className="button button-small"
                disabled={busy}
                onClick={() => onChange({ isBot: !identity.isBot })}
              >
                {identity.isBot ? 'Not a bot' : 'Mark as bot'}
                <span className="visually-hidden"> ({who})</span>
              </button>
            </div>
          </td>
        )}
      </tr>
      {merging && (
        <tr className="detail-row">
          <td colSpan={6}>
            <MergeIdentityForm
              identity={identity}
              people={people}
              labels={labels}
              busy={busy}
              onMerge={(personId) => {
                onChange({ personId });
                setMerging(false);
              }}
              onCancel={() => setMerging(false)}
            />
          </td>
        </tr>
      )}
    </>
  );
}
