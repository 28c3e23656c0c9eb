import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { recordAudit } from '../audit/queries.ts';
import type { Executor } from '../db/db.ts';
import type { Actor } from '../shared/access.ts';
import { ConflictError, InputError } from '../shared/errors.ts';
import { EXPORT_FORMAT, EXPORT_VERSION, type Progress, quote } from './export.ts';
import { listTables, transientTables } from './tables.ts';

const exportSchema = z.object({
  format: z.literal(EXPORT_FORMAT, `not a Cairn export (format must be '${EXPORT_FORMAT}')`),
  version: z.literal(
    EXPORT_VERSION,
    `unsupported export version (this Cairn reads version ${EXPORT_VERSION})`,
  ),
  exportedAt: z.string().optional(),
  migrations: z.array(z.string()),
  tables: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
});

const BATCH = 500;

/**
 * Restores an export into an empty database at the same schema version, in one transaction: either
 * every record is restored or nothing is. Identity sequences continue after the restored ids.
 */
export async function importData(
  db: Executor,
  data: unknown,
  progress: Progress = () => {},
  actor: Actor = { userId: null, label: 'import', channel: 'system' },
): Promise<number> {
  const parsed = exportSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(
      `invalid export file: ${issue?.path.join('.') || ''} ${issue?.message ?? ''}`.trim(),
    );
  }
  const file = parsed.data;
  return db.transaction(async (tx) => {
    const applied = (
      await tx.query<{ version: string }>('select version from schema_migrations order by version')
    ).map((m) => m.version);
    if (JSON.stringify(applied) !== JSON.stringify(file.migrations)) {
      throw new ConflictError(
        `the export is at schema ${file.migrations.at(-1) ?? '(none)'} but this database is at ${applied.at(-1) ?? '(none)'}`,
      );
    }
    const tables = await listTables(tx);
    // Sessions, sign-in attempts and jobs are the running system's, not the organisation's records:
    // a freshly started server already has a scheduled job. The export's replace them.
    const busy = tables
      .filter((table) => table.rowCount > 0 && !transientTables.has(table.name))
      .map((table) => table.name);
    if (busy.length > 0)
      throw new ConflictError(
        `import needs an empty database; these tables have rows: ${busy.join(', ')}`,
      );
    for (const table of [...tables].reverse()) {
      if (transientTables.has(table.name)) await tx.query(`delete from ${quote(table.name)}`);
    }
    const known = new Set(tables.map((table) => table.name));
    const unknown = Object.keys(file.tables).filter((name) => !known.has(name));
    if (unknown.length > 0)
      throw new InputError(`invalid export file: unknown tables ${unknown.join(', ')}`);

    const total = Object.values(file.tables).reduce((sum, rows) => sum + rows.length, 0);
    let done = 0;
    for (const table of tables) {
      const rows = file.tables[table.name] ?? [];
      const overriding = table.identityColumns.length > 0 ? 'overriding system value' : '';
      // A self-referencing table goes in one statement: foreign keys are checked at its end.
      const selfReferencing = await tx.query(
        `select 1 from pg_constraint where contype = 'f' and conrelid = $1::regclass and confrelid = conrelid`,
        [quote(table.name)],
      );
      const size = selfReferencing.length > 0 ? Math.max(rows.length, 1) : BATCH;
      for (let start = 0; start < rows.length; start += size) {
        const batch = rows.slice(start, start + size);
        await tx.query(
          `insert into ${quote(table.name)} ${overriding}
           select * from jsonb_populate_recordset(null::${quote(table.name)}, $1::jsonb)`,
          [JSON.stringify(batch)],
        );
        done += batch.length;
        progress(done, total);
      }
      for (const column of table.identityColumns) {
        await tx.query(
          `select setval(pg_get_serial_sequence($1, $2), coalesce((select max(${quote(column)}) from ${quote(table.name)}), 0) + 1, false)`,
          [quote(table.name), column],
        );
      }
    }
    await recordAudit(tx, actor, {
      action: 'backup.import',
      entityType: 'database',
      entityId: null,
      after: {
        records: done,
        exportedAt: file.exportedAt ?? null,
        schema: file.migrations.at(-1) ?? null,
      },
    });
    return done;
  });
}

export async function importFromFile(
  db: Executor,
  path: string,
  progress?: Progress,
  actor?: Actor,
): Promise<number> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new InputError(`cannot read export file ${path}: ${(error as Error).message}`);
  }
  return importData(db, data, progress, actor);
}
