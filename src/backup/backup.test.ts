import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, expect, test } from 'vitest';
import { createTestDb, withDb } from '../../test/db.ts';
import { signedInUser, testActor, tokenUser } from '../../test/factories.ts';
import { enqueueJob } from '../db/queue.ts';
import { createPerson } from '../org/people.ts';
import { createTeam } from '../org/teams.ts';
import { exportData, exportToFile } from './export.ts';
import { importData } from './import.ts';

async function exportText(db: Parameters<typeof exportData>[0]): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  await exportData(db, out);
  return Buffer.concat(chunks).toString('utf8');
}

/** The export minus what the import itself adds: its time, and the audit entry recording it. */
const withoutTimestamp = (text: string) => {
  const data = JSON.parse(text);
  delete data.exportedAt;
  data.tables.audit_log = data.tables.audit_log.filter(
    (entry: { action: string }) => entry.action !== 'backup.import',
  );
  return data;
};

const dir = mkdtempSync(join(tmpdir(), 'cairn-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

withDb('export and import', (db, kind) => {
  test('every record round-trips exactly into an empty database', async () => {
    const parent = await createTeam(db(), testActor, {
      name: 'Org',
      mission: 'All of it',
      parentId: null,
    });
    const child = await createTeam(db(), testActor, {
      name: 'Child',
      mission: '',
      parentId: parent.id,
    });
    const boss = await createPerson(db(), testActor, {
      name: 'Boss',
      emails: ['boss@example.com'],
      teamId: parent.id,
      role: 'VP',
      managerId: null,
      startDate: '2020-01-01',
      endDate: null,
    });
    await createPerson(db(), testActor, {
      name: 'Émile "the tab\tguy"',
      emails: ['emile@example.com', 'e2@example.com'],
      teamId: child.id,
      role: '',
      managerId: boss.id,
      startDate: null,
      endDate: '2030-12-31',
    });
    await signedInUser(db(), 'admin', 'a password here');
    await tokenUser(db(), 'member', ['read', 'ingest']);
    await enqueueJob(db(), 'test.export', { nested: { list: [1, 2.5, 'x'] } });
    // More rows than one export page, to page through by key.
    await db().query(
      `insert into audit_log (actor, channel, action, entity_type, entity_id, after)
       select 'bulk', 'system', 'test.bulk', 'bulk', i::text, jsonb_build_object('i', i) from generate_series(1, 2345) i`,
    );

    const first = await exportText(db());
    const target = await createTestDb(kind);
    try {
      const restored = await importData(target, JSON.parse(first));
      expect(restored).toBeGreaterThan(10);
      const imports = await target.query(
        "select after from audit_log where action = 'backup.import'",
      );
      expect(imports).toEqual([{ after: expect.objectContaining({ records: restored }) }]);
      const second = await exportText(target);
      expect(withoutTimestamp(second)).toEqual(withoutTimestamp(first));
      // Identity sequences continue after the restored rows.
      const next = await enqueueJob(target, 'test.after-import', {});
      const maxBefore = Math.max(
        ...JSON.parse(first).tables.jobs.map((job: { id: number }) => job.id),
      );
      expect(next).toBeGreaterThan(maxBefore);
      // Timestamps keep their microseconds.
      const stamps = await target.query<{ at: string }>('select created_at as at from teams');
      expect(stamps.every((row) => /\.\d{1,6}Z$/.test(row.at))).toBe(true);
    } finally {
      await target.close();
    }
  });

  test("import replaces the running system's jobs and sessions but keeps nothing else", async () => {
    const text = await exportText(db());
    const target = await createTestDb(kind);
    try {
      await enqueueJob(
        target,
        'auth.prune-sessions',
        {},
        { dedupeKey: 'schedule:auth.prune-sessions' },
      );
      await importData(target, JSON.parse(text));
      expect(withoutTimestamp(await exportText(target))).toEqual(withoutTimestamp(text));
    } finally {
      await target.close();
    }
  });

  test('import refuses a database that has records, and writes nothing', async () => {
    const text = await exportText(db());
    const before = await db().query('select count(*)::int as n from teams');
    await expect(importData(db(), JSON.parse(text))).rejects.toThrow(
      'import needs an empty database',
    );
    expect(await db().query('select count(*)::int as n from teams')).toEqual(before);
  });

  test('a file that is not an export, or from another schema, is refused', async () => {
    const target = await createTestDb(kind);
    try {
      await expect(importData(target, { hello: 'world' })).rejects.toThrow('invalid export file');
      const text = JSON.parse(await exportText(target));
      await expect(
        importData(target, { ...text, migrations: ['0001_platform', '9999_future'] }),
      ).rejects.toThrow('the export is at schema 9999_future');
      const broken = {
        ...text,
        tables: { ...text.tables, teams: [{ id: 'not-a-uuid', name: 'x' }] },
      };
      await expect(importData(target, broken)).rejects.toThrow();
      expect(await target.query('select * from teams')).toEqual([]);
    } finally {
      await target.close();
    }
  });

  test('export to a file is private to its owner', async () => {
    const path = join(dir, `export-${kind}.json`);
    await exportToFile(db(), path);
    expect(JSON.parse(readFileSync(path, 'utf8')).format).toBe('cairn-export');
    const { statSync } = await import('node:fs');
    expect(statSync(path).mode & 0o077).toBe(0);
  });
});
