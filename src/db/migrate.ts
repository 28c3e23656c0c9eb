import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Executor } from './db.ts';

export const migrationsDir = fileURLToPath(new URL('../../migrations/', import.meta.url));

const MIGRATION_LOCK = 72_616_903; // pg_advisory_xact_lock key: one migrator at a time

export type Migration = { version: string; sql: string };

export function listMigrations(dir = migrationsDir): Migration[] {
  return readdirSync(dir)
    .filter((file) => /^\d{4}_[a-z0-9_-]+\.sql$/.test(file))
    .sort()
    .map((file) => ({
      version: file.replace(/\.sql$/, ''),
      sql: readFileSync(join(dir, file), 'utf8'),
    }));
}

async function appliedVersions(db: Executor): Promise<Set<string>> {
  const exists = await db.query<{ ok: boolean }>(
    "select to_regclass('schema_migrations') is not null as ok",
  );
  if (!exists[0]?.ok) return new Set();
  const rows = await db.query<{ version: string }>('select version from schema_migrations');
  return new Set(rows.map((row) => row.version));
}

/** Versions on disk that the database has not applied. */
export async function pendingMigrations(db: Executor): Promise<string[]> {
  const applied = await appliedVersions(db);
  return listMigrations()
    .map((m) => m.version)
    .filter((version) => !applied.has(version));
}

/**
 * Applies pending migrations, forward only, all in one transaction under an advisory lock, so that
 * several processes starting against one PostgreSQL migrate once and a failure leaves nothing half-done.
 */
export async function migrate(db: Executor): Promise<string[]> {
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.exec(
      'create table if not exists schema_migrations (version text primary key, applied_at timestamptz not null default now())',
    );
    const applied = await appliedVersions(tx);
    const done: string[] = [];
    for (const migration of listMigrations()) {
      if (applied.has(migration.version)) continue;
      await tx.exec(migration.sql);
      await tx.query('insert into schema_migrations (version) values ($1)', [migration.version]);
      done.push(migration.version);
    }
    return done;
  });
}
