import { recordAudit } from '../audit/queries.ts';
import type { Executor } from '../db/db.ts';
import type { Actor } from '../shared/access.ts';
import { defaultSettings, type Settings, type UpdateSettings } from './schema.ts';

/** The organisation's settings: the defaults, overridden by what an admin set. */
export async function getSettings(db: Executor): Promise<Settings> {
  const rows = await db.query<{ key: keyof Settings; value: never }>(
    'select key, value from settings',
  );
  const settings: Settings = { ...defaultSettings };
  for (const row of rows) if (row.key in settings) settings[row.key] = row.value;
  return settings;
}

export async function updateSettings(
  db: Executor,
  actor: Actor,
  input: UpdateSettings,
): Promise<Settings> {
  return db.transaction(async (tx) => {
    const before = await getSettings(tx);
    const changed = Object.entries(input).filter(([, value]) => value !== undefined);
    if (changed.length === 0) return before;
    await tx.query(
      `insert into settings (key, value)
       select * from unnest($1::text[], $2::jsonb[])
       on conflict (key) do update set value = excluded.value, updated_at = now()`,
      [changed.map(([key]) => key), changed.map(([, value]) => JSON.stringify(value))],
    );
    const after = await getSettings(tx);
    await recordAudit(tx, actor, {
      action: 'settings.update',
      entityType: 'settings',
      entityId: null,
      before: redacted(before),
      after: redacted(after),
    });
    return after;
  });
}

/** A chat webhook's URL is its secret: the audit log keeps only where it points. */
function redacted(settings: Settings): Settings {
  const url = settings.chatWebhookUrl;
  return { ...settings, chatWebhookUrl: url ? `${new URL(url).origin}/…` : null };
}
