import { Link } from 'react-router-dom';
import type { AuditEntry } from '../api.ts';
import { findEntityName } from './audit-entities.ts';

const pagePaths: Partial<Record<string, string>> = {
  team: '/teams',
  person: '/people',
  repository: '/repositories',
};

/** The entity an entry is about: its name (linked when it has a page) or else its id. */
export function AuditEntity({ entry }: { entry: AuditEntry }) {
  const name = findEntityName(entry);
  const path = pagePaths[entry.entityType];
  const deleted = entry.action.endsWith('.delete') && entry.action !== 'session.delete';
  return (
    <>
      {entry.entityType}{' '}
      {name && path && entry.entityId && !deleted ? (
        <Link to={`${path}/${encodeURIComponent(entry.entityId)}`}>{name}</Link>
      ) : name ? (
        <span>{name}</span>
      ) : (
        entry.entityId && <span className="muted mono small">{entry.entityId}</span>
      )}
    </>
  );
}
