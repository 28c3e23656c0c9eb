import { useState } from 'react';
import type { AuditEntry } from '../api.ts';
import { listChangedFields } from './audit-entities.ts';

/** What an entry changed: the differing fields when there is a before and an after, and the JSON. */
export function AuditChange({ entry }: { entry: AuditEntry }) {
  const [showJson, setShowJson] = useState(false);
  if (entry.before === null || entry.after === null) return <AuditJson entry={entry} />;

  const changes = listChangedFields(entry.before, entry.after);
  const jsonId = `audit-${entry.id}-json`;
  return (
    <div className="audit-change">
      {changes.length === 0 ? (
        <p className="muted">No field changed.</p>
      ) : (
        <ul className="field-changes" aria-label={`Fields changed by entry ${entry.id}`}>
          {changes.map((change) => (
            <li key={change.field}>
              <span className="field-name">{change.field}</span>:{' '}
              <code className="field-old">{formatValue(change.before)}</code>
              <span aria-hidden="true"> → </span>
              <span className="visually-hidden"> to </span>
              <code className="field-new">{formatValue(change.after)}</code>
            </li>
          ))}
        </ul>
      )}
      <button
        type="button"
        className="button button-small"
        aria-expanded={showJson}
        aria-controls={jsonId}
        onClick={() => setShowJson((current) => !current)}
      >
        {showJson ? 'Hide full JSON' : 'Show full JSON'}
      </button>
      {showJson && (
        <div id={jsonId}>
          <AuditJson entry={entry} />
        </div>
      )}
    </div>
  );
}

function AuditJson({ entry }: { entry: AuditEntry }) {
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

function formatValue(value: unknown): string {
  if (value === undefined) return '(none)';
  if (typeof value === 'string') return value === '' ? '""' : value;
  return JSON.stringify(value);
}
