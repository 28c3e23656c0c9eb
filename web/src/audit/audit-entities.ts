import type { AuditEntry } from '../api.ts';

/** The entity types the audit log records, as the "Entity" filter offers them. */
export const auditEntityTypes = [
  { value: 'team', label: 'Teams' },
  { value: 'person', label: 'People' },
  { value: 'user', label: 'Users' },
  { value: 'token', label: 'API tokens' },
  { value: 'job', label: 'Jobs' },
  { value: 'database', label: 'Imports' },
  { value: 'repository', label: 'Repositories' },
  { value: 'git-identity', label: 'Git identities' },
] as const;

/** A known entity type from a URL search param, or '' (all) for anything else. */
export function parseEntityType(value: string | null): string {
  return auditEntityTypes.some((type) => type.value === value) ? (value ?? '') : '';
}

/** Sign-ins and sign-outs: recorded, but not changes to anything. */
export function isSessionEntry(entry: AuditEntry): boolean {
  return entry.action === 'session.create' || entry.action === 'session.delete';
}

/** A readable name for the entity from the entry's after (or before) snapshot, if it has one. */
export function findEntityName(entry: AuditEntry): string | undefined {
  const keys = entry.entityType === 'user' ? ['email', 'name'] : ['name', 'email'];
  for (const snapshot of [entry.after, entry.before]) {
    if (!isRecord(snapshot)) continue;
    for (const key of keys) {
      const value = snapshot[key];
      if (typeof value === 'string' && value !== '') return value;
    }
  }
  // A user acting on their own account (signing in or out): the actor label is their email.
  if (entry.entityType === 'user' && entry.entityId && entry.entityId === entry.actorUserId) {
    return entry.actor;
  }
  return undefined;
}

export type FieldChange = { field: string; before: unknown; after: unknown };

/** The top-level fields whose values differ between two snapshots (absent counts as a change). */
export function listChangedFields(before: unknown, after: unknown): FieldChange[] {
  if (!isRecord(before) || !isRecord(after)) return [];
  const fields = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...fields]
    .filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]))
    .map((field) => ({ field, before: before[field], after: after[field] }));
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
