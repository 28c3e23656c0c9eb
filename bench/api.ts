/**
 * Loopback load of authenticated API reads, on PGlite and on PostgreSQL, against the floor of the
 * same server answering /healthz (no database, no auth). Run by hand: `npm run bench`.
 * PostgreSQL: CAIRN_BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres), on
 * whose server a scratch database is created and dropped.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import autocannon from 'autocannon';
import pg from 'pg';
import { createToken } from '../src/auth/tokens.ts';
import { createUser } from '../src/auth/users.ts';
import { type Db, openDb } from '../src/db/db.ts';
import { migrate } from '../src/db/migrate.ts';
import { createApp } from '../src/http/app.ts';
import type { Actor } from '../src/shared/access.ts';

const actor: Actor = { userId: null, label: 'bench', channel: 'system' };
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);

async function seed(db: Db) {
  const user = await createUser(db, actor, {
    email: 'bench@example.com',
    name: 'Bench',
    role: 'leader',
  });
  const token = await createToken(db, actor, {
    userId: user.id,
    name: 'bench',
    scopes: ['read'],
    expiresInDays: null,
  });
  await db.query(
    `insert into teams (name, mission) select 'Team ' || i, 'Mission ' || i from generate_series(1, 50) i`,
  );
  await db.query(
    `insert into people (name, team_id, role, start_date)
     select 'Person ' || i, (select id from teams order by name offset (i % 50) limit 1), 'Engineer', date '2024-01-01'
     from generate_series(1, 1000) i`,
  );
  await db.query(
    `insert into person_emails (email, person_id) select 'p' || row_number() over () || '@example.com', id from people`,
  );
  return token.token;
}

async function load(url: string, headers: Record<string, string>) {
  const result = await autocannon({ url, connections, duration: seconds, headers });
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

async function run(label: string, db: Db) {
  await migrate(db);
  const token = await seed(db);
  const app = createApp({ db, log: () => {} });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const auth = { authorization: `Bearer ${token}` };
  const floor = await load(`${base}/healthz`, {});
  const people = await load(`${base}/api/people?limit=50`, auth);
  const teams = await load(`${base}/api/teams?limit=50`, auth);
  server.close();
  await db.close();
  for (const [name, r] of [
    ['GET /healthz (floor)', floor],
    ['GET /api/people?limit=50', people],
    ['GET /api/teams?limit=50', teams],
  ] as const) {
    console.log(
      `${label.padEnd(10)} ${name.padEnd(26)} ${String(r.rps).padStart(6)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms` +
        `  errors ${r.errors}  ${name.includes('floor') ? '' : `ratio to floor ${(r.rps / floor.rps).toFixed(2)}`}`,
    );
  }
}

console.log(
  `${connections} connections, ${seconds} s per route, loopback, node ${process.version}`,
);
const dir = mkdtempSync(join(tmpdir(), 'cairn-bench-'));
try {
  await run('pglite', await openDb({ dataDir: dir }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const serverUrl =
  process.env.CAIRN_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const admin = new pg.Client({ connectionString: serverUrl });
try {
  await admin.connect();
} catch (error) {
  console.log(`postgres   not run: ${serverUrl} unreachable (${(error as Error).message})`);
  process.exit(0);
}
const name = `cairn_bench_${process.pid}`;
await admin.query(`create database ${name}`);
try {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  await run('postgres', await openDb({ databaseUrl: url.toString() }));
} finally {
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
}
