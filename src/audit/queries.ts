import type { Executor } from '../db/db.ts';
import type { Actor } from '../shared/access.ts';
import { decodeCursor, type Page, toPage } from '../shared/cursor.ts';
import type { AuditEntry, AuditQuery } from './schema.ts';

export type AuditChange = {
  action: string;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
};

/** Writes one audit entry. Call it with the transaction of the change it records. */
export async function recordAudit(db: Executor, actor: Actor, change: AuditChange): Promise<void> {
  await db.query(
    `insert into audit_log (actor_user_id, actor, channel, action, entity_type, entity_id, before, after)
     values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      actor.userId,
      actor.label,
      actor.channel,
      change.action,
      change.entityType,
      change.entityId,
      change.before === undefined ? null : JSON.stringify(change.before),
      change.after === undefined ? null : JSON.stringify(change.after),
    ],
  );
}

/** Newest first. */
export async function listAudit(db: Executor, query: AuditQuery): Promise<Page<AuditEntry>> {
  const [before] = decodeCursor(query.cursor, 1) ?? [null];
  const rows = await db.query<AuditEntry>(
    `select id, at, actor_user_id as "actorUserId", actor, channel, action,
       entity_type as "entityType", entity_id as "entityId", before, after
     from audit_log
     where ($1::text is null or entity_type = $1) and ($2::text is null or entity_id = $2)
       and ($3::uuid is null or actor_user_id = $3) and ($4::bigint is null or id < $4)
     order by id desc limit $5`,
    [
      query.entityType ?? null,
      query.entityId ?? null,
      query.actorUserId ?? null,
      before,
      query.limit + 1,
    ],
  );
  return toPage(rows, query.limit, (row) => [row.id]);
}
