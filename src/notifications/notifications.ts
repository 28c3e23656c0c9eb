import { type Executor, queryOne } from '../db/db.ts';
import { enqueueJob } from '../db/queue.ts';
import { getSettings } from '../settings/settings.ts';
import { decodeCursor, type Page, toPage } from '../shared/cursor.ts';
import { NotFoundError } from '../shared/errors.ts';
import type { NewNotification, Notification, NotificationQuery } from './schema.ts';

export const postChatJobName = 'notifications.post-chat';
export const sendEmailJobName = 'notifications.send-email';

/**
 * Tells these people (in the app, and by email when an admin turned that on) and the organisation's
 * chat webhook, when one is set, that something happened. Call it in the transaction of what
 * happened: email and chat are queued jobs, sent (and retried) after the commit.
 */
export async function notify(
  db: Executor,
  personIds: readonly string[],
  notification: NewNotification,
): Promise<void> {
  const people = [...new Set(personIds)];
  if (people.length > 0) {
    await db.query(
      `insert into notifications (person_id, kind, title, body, link)
       select unnest($1::uuid[]), $2, $3, $4, $5`,
      [people, notification.kind, notification.title, notification.body, notification.link],
    );
  }
  const { chatWebhookUrl, emailNotifications } = await getSettings(db);
  // One job per person: a retry never mails again those who got it.
  if (emailNotifications) {
    for (const personId of people) {
      await enqueueJob(db, sendEmailJobName, { personId, ...notification });
    }
  }
  if (!chatWebhookUrl) return;
  await enqueueJob(db, postChatJobName, {
    text: [notification.title, notification.body].filter(Boolean).join('\n'),
    link: notification.link,
  });
}

const columns = `id, kind, title, body, link, created_at as "createdAt", read_at as "readAt"`;

/** Newest first: one person's notifications. */
export async function listNotifications(
  db: Executor,
  personId: string,
  query: NotificationQuery,
): Promise<Page<Notification> & { unread: number }> {
  const [beforeAt, beforeId] = decodeCursor(query.cursor, 2) ?? [null, null];
  const rows = await db.query<Notification>(
    `select ${columns} from notifications
     where person_id = $1 and (not $2 or read_at is null)
       and ($3::timestamptz is null or (created_at, id) < ($3, $4::uuid))
     order by created_at desc, id desc limit $5`,
    [personId, query.unread === 'true', beforeAt, beforeId, query.limit + 1],
  );
  const unread = await queryOne<{ count: number }>(
    db,
    'select count(*)::int as count from notifications where person_id = $1 and read_at is null',
    [personId],
  );
  return {
    ...toPage(rows, query.limit, (row) => [row.createdAt, row.id]),
    unread: unread?.count ?? 0,
  };
}

/** Marks one of the person's notifications read; another's is unknown to them. */
export async function markRead(db: Executor, personId: string, id: string): Promise<Notification> {
  const row = await queryOne<Notification>(
    db,
    `update notifications set read_at = coalesce(read_at, now())
     where id = $1 and person_id = $2 returning ${columns}`,
    [id, personId],
  );
  if (!row) throw new NotFoundError(`unknown notification '${id}'`);
  return row;
}

export async function markAllRead(db: Executor, personId: string): Promise<number> {
  const rows = await db.query(
    'update notifications set read_at = now() where person_id = $1 and read_at is null returning 1',
    [personId],
  );
  return rows.length;
}
