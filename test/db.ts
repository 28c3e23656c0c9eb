import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { type Db, openDb } from '../src/db/db.ts';
import { migrate } from '../src/db/migrate.ts';

export type DatabaseKind = 'pglite' | 'postgres';

/** The databases every integration test runs on: PGlite always, PostgreSQL when configured. */
export function testDatabases(): DatabaseKind[] {
  return inject('postgresUrl') ? ['pglite', 'postgres'] : ['pglite'];
}

/** A fresh, migrated, empty database of that kind; close() also drops a PostgreSQL one. */
export async function createTestDb(kind: DatabaseKind): Promise<Db & { url?: string }> {
  if (kind === 'pglite') {
    const template = inject('pgliteTemplate');
    const db = await openDb(template ? { loadDump: new Blob([readFileSync(template)]) } : {});
    await migrate(db);
    return db;
  }
  const serverUrl = inject('postgresUrl');
  if (!serverUrl) throw new Error('no PostgreSQL configured');
  const name = `cairn_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await openDb({ databaseUrl: url.toString() });
  await migrate(db);
  return {
    ...db,
    url: url.toString(),
    async close() {
      await db.close();
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

/**
 * `describe` once per test database, with a fresh database for the block:
 * `withDb('teams', (db) => { test(..., async () => { await createTeam(db(), ...) }) })`.
 */
export function withDb(
  name: string,
  body: (db: () => Db & { url?: string }, kind: DatabaseKind) => void,
) {
  for (const kind of testDatabases()) {
    describe(`${name} [${kind}]`, () => {
      let db: (Db & { url?: string }) | undefined;
      beforeAll(async () => {
        db = await createTestDb(kind);
      });
      afterAll(async () => {
        await db?.close();
      });
      body(() => {
        if (!db) throw new Error('database not ready');
        return db;
      }, kind);
    });
  }
}
