import { describe, expect, test } from 'vitest';
import { createTestDb, withDb } from '../../test/db.ts';
import { personInput, testActor } from '../../test/factories.ts';
import { listAudit } from '../audit/queries.ts';
import { createPerson, deletePerson, listPeople, updatePerson } from './people.ts';
import { canSeePrivate } from './privacy.ts';
import { createTeam, deleteTeam, getTeam, listTeams, updateTeam } from './teams.ts';

const person = personInput;

withDb('teams', (db) => {
  test('create, read, update and delete a team, each change audited', async () => {
    const team = await createTeam(db(), testActor, {
      name: 'Payments',
      mission: 'Money moves',
      parentId: null,
    });
    expect(await getTeam(db(), team.id)).toMatchObject({
      name: 'Payments',
      mission: 'Money moves',
      memberCount: 0,
    });
    const renamed = await updateTeam(db(), testActor, team.id, { name: 'Payments Core' });
    expect(renamed).toMatchObject({ name: 'Payments Core', mission: 'Money moves' });
    await deleteTeam(db(), testActor, team.id);
    await expect(getTeam(db(), team.id)).rejects.toThrow(`unknown team '${team.id}'`);
    const audit = await listAudit(db(), { entityType: 'team', entityId: team.id, limit: 10 });
    expect(audit.items.map((entry) => entry.action)).toEqual([
      'team.delete',
      'team.update',
      'team.create',
    ]);
    expect(audit.items[1]).toMatchObject({
      before: { name: 'Payments' },
      after: { name: 'Payments Core' },
    });
  });

  test('an empty change writes nothing', async () => {
    const team = await createTeam(db(), testActor, {
      name: 'Unchanged',
      mission: '',
      parentId: null,
    });
    expect(await updateTeam(db(), testActor, team.id, {})).toEqual(team);
    const audit = await listAudit(db(), { entityType: 'team', entityId: team.id, limit: 10 });
    expect(audit.items.map((entry) => entry.action)).toEqual(['team.create']);
  });

  test('names are unique ignoring case; parents must exist and never form a cycle', async () => {
    const parent = await createTeam(db(), testActor, {
      name: 'Platform',
      mission: '',
      parentId: null,
    });
    await expect(
      createTeam(db(), testActor, { name: 'platform', mission: '', parentId: null }),
    ).rejects.toThrow("a team named 'platform' already exists");
    const child = await createTeam(db(), testActor, {
      name: 'Infra',
      mission: '',
      parentId: parent.id,
    });
    await expect(updateTeam(db(), testActor, parent.id, { parentId: child.id })).rejects.toThrow(
      'parentId would make the team its own ancestor',
    );
    await expect(
      createTeam(db(), testActor, {
        name: 'Orphan',
        mission: '',
        parentId: '00000000-0000-4000-8000-000000000000',
      }),
    ).rejects.toThrow('unknown parent team');
    await expect(deleteTeam(db(), testActor, parent.id)).rejects.toThrow('has sub-teams');
  });

  test('paging one at a time sees every team once, whatever the letters', async () => {
    const names = ['Ünï ia', 'Ünï İstanbul', 'Ünï Iz', 'Ünï ΣΟΦΙΑ ς', 'Ünï Zed'];
    for (const name of names)
      await createTeam(db(), testActor, { name, mission: '', parentId: null });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listTeams(db(), { limit: 1, q: 'Ünï', cursor });
      seen.push(...page.items.map((team) => team.name));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.sort()).toEqual([...names].sort());
  });

  test('lists page through by name with a cursor', async () => {
    for (const name of ['Zeta', 'alpha', 'Beta', 'gamma']) {
      await createTeam(db(), testActor, { name: `Page ${name}`, mission: '', parentId: null });
    }
    const first = await listTeams(db(), { limit: 3, q: 'page ' });
    expect(first.items.map((t) => t.name)).toEqual(['Page alpha', 'Page Beta', 'Page gamma']);
    expect(first.nextCursor).not.toBeNull();
    const second = await listTeams(db(), {
      limit: 3,
      q: 'page ',
      cursor: first.nextCursor ?? undefined,
    });
    expect(second.items.map((t) => t.name)).toEqual(['Page Zeta']);
    expect(second.nextCursor).toBeNull();
    await expect(listTeams(db(), { limit: 3, cursor: 'garbage' })).rejects.toThrow(
      'invalid cursor',
    );
  });
});

withDb('people', (db) => {
  test('a person has emails, a team, a manager and dates', async () => {
    const team = await createTeam(db(), testActor, { name: 'Search', mission: '', parentId: null });
    const boss = await createPerson(
      db(),
      testActor,
      person('Grace Hopper', { emails: ['grace@example.com'] }),
    );
    const ada = await createPerson(
      db(),
      testActor,
      person('Ada', {
        emails: ['ada@example.com', 'ada@home.example'],
        teamId: team.id,
        managerId: boss.id,
        role: 'Staff engineer',
        startDate: '2024-02-01',
      }),
    );
    expect(ada).toMatchObject({
      emails: ['ada@example.com', 'ada@home.example'],
      teamId: team.id,
      managerId: boss.id,
      startDate: '2024-02-01',
      endDate: null,
      userId: null,
    });
    expect((await getTeam(db(), team.id)).memberCount).toBe(1);
    const left = await updatePerson(db(), testActor, ada.id, {
      endDate: '2026-06-30',
      emails: ['ada@example.com'],
    });
    expect(left).toMatchObject({
      endDate: '2026-06-30',
      emails: ['ada@example.com'],
      startDate: '2024-02-01',
    });
    const active = await listPeople(db(), { limit: 50, teamId: team.id, active: 'false' });
    expect(active.items.map((p) => p.name)).toEqual(['Ada']);
  });

  test('emails belong to one person; managers never form a cycle; end after start', async () => {
    const a = await createPerson(db(), testActor, person('A', { emails: ['a@example.com'] }));
    await expect(
      createPerson(db(), testActor, person('B', { emails: ['a@example.com'] })),
    ).rejects.toThrow("email 'a@example.com' already belongs to another person");
    const b = await createPerson(db(), testActor, person('B', { managerId: a.id }));
    await expect(updatePerson(db(), testActor, a.id, { managerId: b.id })).rejects.toThrow(
      'managerId would make the person their own manager',
    );
    await expect(
      updatePerson(db(), testActor, a.id, { startDate: '2025-01-01', endDate: '2024-01-01' }),
    ).rejects.toThrow('endDate must not be before startDate');
    await expect(deletePerson(db(), testActor, a.id)).rejects.toThrow('manages people');
    await deletePerson(db(), testActor, b.id);
    await deletePerson(db(), testActor, a.id);
  });

  test('private records: the person, their manager chain and admins; nobody else', async () => {
    const cto = await createPerson(db(), testActor, person('CTO'));
    const manager = await createPerson(db(), testActor, person('Manager', { managerId: cto.id }));
    const engineer = await createPerson(
      db(),
      testActor,
      person('Engineer', { managerId: manager.id }),
    );
    const peer = await createPerson(db(), testActor, person('Peer', { managerId: manager.id }));
    const sees = (viewer: string, role: 'admin' | 'leader' | 'member' = 'member') =>
      canSeePrivate(db(), { personId: viewer, role }, engineer.id);
    expect(await sees(engineer.id)).toBe(true);
    expect(await sees(manager.id)).toBe(true);
    expect(await sees(cto.id)).toBe(true);
    expect(await sees(peer.id)).toBe(false);
    expect(await sees(peer.id, 'leader')).toBe(false);
    expect(await sees(peer.id, 'admin')).toBe(true);
  });
});

describe('a failed write leaves nothing behind', () => {
  test('a person whose email is taken is not created, and no audit entry is written', async () => {
    const db = await createTestDb('pglite');
    try {
      await createPerson(db, testActor, person('First', { emails: ['same@example.com'] }));
      await expect(
        createPerson(db, testActor, person('Second', { emails: ['same@example.com'] })),
      ).rejects.toThrow();
      const people = await listPeople(db, { limit: 50 });
      expect(people.items.map((p) => p.name)).toEqual(['First']);
      const audit = await listAudit(db, { entityType: 'person', limit: 50 });
      expect(audit.items).toHaveLength(1);
    } finally {
      await db.close();
    }
  });
});
