import { type FileHandle, open } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import type { Executor } from '../db/db.ts';
import { InputError } from '../shared/errors.ts';
import { listTables, type TableInfo } from './tables.ts';

export const EXPORT_FORMAT = 'cairn-export';
export const EXPORT_VERSION = 1;
const PAGE = 1000;

export type Progress = (done: number, total: number) => void;

/**
 * Writes every record of every table as one JSON document, a page of rows at a time, so memory stays
 * bounded. Values go through PostgreSQL's own JSON rendering (to_jsonb), which keeps timestamps to
 * the microsecond: `importData` restores them exactly.
 */
export async function exportData(
  db: Executor,
  out: Writable,
  progress: Progress = () => {},
): Promise<number> {
  const write = (text: string) =>
    new Promise<void>((resolve, reject) =>
      out.write(text, (error) => (error ? reject(error) : resolve())),
    );
  // One read-only snapshot: writes that land meanwhile are either wholly in the file or not at all.
  return db.transaction(async (tx) => {
    await tx.query('set transaction isolation level repeatable read, read only');
    const tables = await listTables(tx);
    const migrations = await tx.query<{ version: string }>(
      'select version from schema_migrations order by version',
    );
    const total = tables.reduce((sum, table) => sum + table.rowCount, 0);
    await write(
      `{"format":${JSON.stringify(EXPORT_FORMAT)},"version":${EXPORT_VERSION},` +
        `"exportedAt":${JSON.stringify(new Date().toISOString())},` +
        `"migrations":${JSON.stringify(migrations.map((m) => m.version))},"tables":{`,
    );
    let done = 0;
    for (const [index, table] of tables.entries()) {
      await write(`${index > 0 ? ',' : ''}\n${JSON.stringify(table.name)}:[`);
      let after: unknown;
      for (let offset = 0; ; offset += PAGE) {
        const rows = await pageOf(tx, table, after, offset);
        for (const [position, row] of rows.entries()) {
          await write(
            `${after === undefined && position === 0 ? '' : ','}\n${JSON.stringify(row)}`,
          );
        }
        after = rows.at(-1) ?? after;
        done += rows.length;
        progress(done, total);
        if (rows.length < PAGE) break;
      }
      await write(']');
    }
    await write('\n}}\n');
    return done;
  });
}

/**
 * The next page of a table in primary-key order, after the last row of the previous page (keyset:
 * the key is read back from that row's JSON with the table's own types). Tables without a primary
 * key page by offset.
 */
async function pageOf(
  db: Executor,
  table: TableInfo,
  after: unknown,
  offset: number,
): Promise<unknown[]> {
  const name = quote(table.name);
  if (table.primaryKey.length === 0) {
    const rows = await db.query<{ row: unknown }>(
      `select to_jsonb(t) as row from ${name} t order by t.ctid limit ${PAGE} offset ${offset}`,
    );
    return rows.map((r) => r.row);
  }
  const key = table.primaryKey.map((column) => quote(column)).join(', ');
  const rows = await db.query<{ row: unknown }>(
    `select to_jsonb(t) as row from ${name} t
     where $1::jsonb is null or (${key}) > (select ${key} from jsonb_populate_record(null::${name}, $1::jsonb))
     order by ${key} limit ${PAGE}`,
    [after === undefined ? null : JSON.stringify(after)],
  );
  return rows.map((r) => r.row);
}

export function quote(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}

/** Exports into a new file (mode 0600: it holds password and token hashes); never overwrites one. */
export async function exportToFile(
  db: Executor,
  path: string,
  progress?: Progress,
): Promise<number> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'wx', 0o600);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'EEXIST' ? 'the file exists (choose a new name)' : code;
    throw new InputError(`cannot write export file ${path}: ${reason}`);
  }
  const out = handle.createWriteStream();
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  try {
    return await Promise.race([exportData(db, out, progress), failed]);
  } finally {
    await new Promise<void>((resolve) => out.end(resolve));
  }
}
