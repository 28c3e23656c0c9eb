import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDb } from '../src/db/db.ts';
import { migrate } from '../src/db/migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresUrl: string | null;
  }
}

/**
 * Once per run: a migrated PGlite data directory that every test database starts from (loading it
 * takes a second; initialising and migrating takes several), and a check that PostgreSQL, when
 * asked for, is really there. In CI the PostgreSQL suite must run.
 */
export default async function setup(project: TestProject) {
  const db = await openDb({});
  await migrate(db);
  const dump = await db.dumpDataDir?.();
  await db.close();
  const template = join(tmpdir(), `cairn-template-${process.pid}.tar`);
  if (dump) writeFileSync(template, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', dump ? template : '');

  const url = process.env.CAIRN_TEST_DATABASE_URL || null;
  if (!url) {
    if (process.env.CI)
      throw new Error('CI must run the PostgreSQL suite: set CAIRN_TEST_DATABASE_URL');
    console.warn(
      '\nPostgreSQL suite not run: CAIRN_TEST_DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/test)\n',
    );
  } else {
    const client = new pg.Client({ connectionString: url });
    await client.connect().catch((error: Error) => {
      throw new Error(`CAIRN_TEST_DATABASE_URL=${url} is unreachable: ${error.message}`);
    });
    await client.end();
  }
  project.provide('postgresUrl', url);
  return () => rmSync(template, { force: true });
}
