import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { withDb } from '../../test/db.ts';
import { personInput, testActor } from '../../test/factories.ts';
import { makeGitRepo } from '../../test/git-repo.ts';
import { createPerson } from '../org/people.ts';
import { createTeam } from '../org/teams.ts';
import { getContribution } from './contribution.ts';
import { getCoupling } from './coupling.ts';
import { getFileTrend, listHotspots } from './hotspots.ts';
import { listIdentities, updateIdentity } from './identities.ts';
import { getOwnership } from './ownership.ts';
import { createRepository } from './repositories.ts';
import { syncRepository } from './sync-repository.ts';

const lines = (count: number) =>
  Array.from({ length: count }, (_, index) => `line ${index + 1}\n`).join('');
const ada = { name: 'Ada Lovelace', email: 'ada@example.com' };
const grace = { name: 'Grace Hopper', email: 'grace@example.com' };
const bob = { name: 'Bob Byte', email: 'bob@example.com' };

/** Six commits in March–April 2026 whose code-health numbers are worked out by hand below. */
const repo = makeGitRepo();
repo.write('a.ts', lines(10));
repo.write('b.ts', lines(5));
repo.commit('one', { author: ada, at: '2026-03-02T10:00:00Z' });
repo.write('a.ts', lines(12));
repo.write('b.ts', lines(6));
repo.commit('two', { author: ada, at: '2026-03-09T10:00:00Z' });
repo.write('a.ts', lines(15));
repo.write('b.ts', lines(7));
repo.write('c.ts', lines(20));
repo.commit('three', { author: grace, at: '2026-03-16T10:00:00Z' });
repo.write('a.ts', lines(10));
repo.write('b.ts', lines(8));
repo.commit('four', { author: ada, at: '2026-03-23T10:00:00Z' });
repo.write('d.ts', lines(40));
repo.commit('five', { author: bob, at: '2026-03-30T10:00:00Z' });
for (let index = 0; index < 31; index++) repo.write(`gen/f${index}.ts`, lines(1));
repo.write('a.ts', lines(11));
repo.write('b.ts', lines(9));
repo.commit('six: a mass change', { author: ada, at: '2026-04-06T10:00:00Z' });
afterAll(() => repo.destroy());

const window = { from: '2026-01-01', to: '2026-06-30', limit: 100 };

withDb('code health', (db) => {
  let repositoryId = '';
  let teamId = '';
  let adaId = '';
  let bobId = '';
  beforeAll(async () => {
    teamId = (await createTeam(db(), testActor, { name: 'Core', mission: '', parentId: null })).id;
    adaId = (
      await createPerson(db(), testActor, personInput('Ada', { emails: [ada.email], teamId }))
    ).id;
    bobId = (
      await createPerson(
        db(),
        testActor,
        personInput('Bob', {
          emails: [bob.email],
          teamId,
          managerId: adaId,
          endDate: '2026-05-01',
        }),
      )
    ).id;
    const repository = await createRepository(db(), testActor, {
      source: repo.dir,
      name: 'health',
      teamId,
      syncEveryMinutes: null,
    });
    repositoryId = repository.id;
    await syncRepository(db(), repositoryId, { dataDir: mkdtempSync(join(tmpdir(), 'cairn-')) });
  });

  test('hotspots: commits in the window × current size, for a repository and for its team', async () => {
    const report = await listHotspots(db(), { ...window, repository: repositoryId });
    expect(
      report.files
        .slice(0, 4)
        .map(({ path, revisions, lines, score }) => ({ path, revisions, lines, score })),
    ).toEqual([
      { path: 'a.ts', revisions: 5, lines: 11, score: 55 },
      { path: 'b.ts', revisions: 5, lines: 9, score: 45 },
      { path: 'd.ts', revisions: 1, lines: 40, score: 40 },
      { path: 'c.ts', revisions: 1, lines: 20, score: 20 },
    ]);
    expect(report.files).toHaveLength(4 + 31);
    const byTeam = await listHotspots(db(), { ...window, team: teamId });
    expect(byTeam.files).toEqual(report.files);
    const before = await listHotspots(db(), {
      from: '2026-03-10',
      to: '2026-03-20',
      limit: 10,
      repository: repositoryId,
    });
    expect(before.files.map((file) => [file.path, file.revisions])).toEqual([
      ['c.ts', 1],
      ['a.ts', 1],
      ['b.ts', 1],
    ]);
  });

  test("a file's weekly trend", async () => {
    const trend = await getFileTrend(db(), { repository: repositoryId, path: 'a.ts', ...window });
    expect(
      trend.weeks.map((week) => [week.week, week.commits, week.linesAdded, week.linesDeleted]),
    ).toEqual([
      ['2026-03-02', 1, 10, 0],
      ['2026-03-09', 1, 2, 0],
      ['2026-03-16', 1, 3, 0],
      ['2026-03-23', 1, 0, 5],
      ['2026-04-06', 1, 1, 0],
    ]);
  });

  test('ownership: shares, fragmentation, knowledge islands and knowledge loss', async () => {
    const report = await getOwnership(db(), { ...window, repository: repositoryId });
    const file = (path: string) => report.files.find((row) => row.path === path);
    expect(file('a.ts')).toMatchObject({
      authors: 2,
      linesAdded: 16,
      mainAuthor: { name: 'Ada', personId: adaId },
      mainAuthorShare: 0.8125,
      fragmentation: 0.3047,
      knowledgeIsland: false,
      knowledgeLoss: null,
    });
    // Bob left on 2026-05-01: everything only he knows is at risk, and listed first.
    expect(report.files[0]).toMatchObject({
      path: 'd.ts',
      knowledgeLoss: 'left',
      knowledgeIsland: false,
    });
    expect(file('c.ts')).toMatchObject({
      mainAuthor: { name: 'Grace Hopper', personId: null },
      knowledgeIsland: true,
    });
    expect(report.folders).toEqual([
      expect.objectContaining({
        path: 'gen',
        kind: 'folder',
        linesAdded: 31,
        knowledgeIsland: true,
      }),
    ]);
    // Six months without a commit: by the end of the year Ada and Grace count as inactive.
    const later = await getOwnership(db(), {
      from: '2026-01-01',
      to: '2026-12-31',
      limit: 100,
      repository: repositoryId,
    });
    expect(later.files.find((row) => row.path === 'a.ts')?.knowledgeLoss).toBe('inactive');
  });

  test('coupling: degree of files changed together; mass changes ignored', async () => {
    const query = {
      ...window,
      repository: repositoryId,
      minRevisions: 2,
      minShared: 2,
      minDegree: 0.3,
    };
    const report = await getCoupling(db(), { ...query, maxFiles: 30 });
    expect(
      report.pairs.map(({ path, coupledPath, shared, revisions, coupledRevisions, degree }) => ({
        pair: [path, coupledPath].sort(),
        shared,
        revisions,
        coupledRevisions,
        degree,
      })),
    ).toEqual([
      { pair: ['a.ts', 'b.ts'], shared: 4, revisions: 4, coupledRevisions: 4, degree: 1 },
    ]);
    const withMass = await getCoupling(db(), { ...query, maxFiles: 40 });
    expect(withMass.pairs.map((pair) => pair.shared)).toEqual([5]);
    expect((await getCoupling(db(), { ...query, maxFiles: 30, minShared: 5 })).pairs).toEqual([]);
  });

  test('identities: unmatched listed, merged into a person, bots left out of people-level numbers', async () => {
    const unmatched = await listIdentities(db(), { status: 'unmatched', limit: 50 });
    expect(unmatched.items.map((identity) => identity.email)).toEqual([grace.email]);
    const graceIdentity = unmatched.items[0];
    if (!graceIdentity) throw new Error('no identity');
    const carol = await createPerson(db(), testActor, personInput('Carol'));
    const merged = await updateIdentity(db(), testActor, graceIdentity.id, { personId: carol.id });
    expect(merged).toMatchObject({ personId: carol.id, personName: 'Carol', matchedBy: 'admin' });
    let ownership = await getOwnership(db(), { ...window, repository: repositoryId });
    expect(ownership.files.find((row) => row.path === 'c.ts')?.mainAuthor.name).toBe('Carol');

    await updateIdentity(db(), testActor, graceIdentity.id, { personId: null, isBot: true });
    ownership = await getOwnership(db(), { ...window, repository: repositoryId });
    expect(ownership.files.map((row) => row.path)).not.toContain('c.ts');
    expect(ownership.files.find((row) => row.path === 'a.ts')).toMatchObject({
      authors: 1,
      mainAuthorShare: 1,
    });
    expect(
      (await listIdentities(db(), { status: 'bots', limit: 50 })).items.map((i) => i.email),
    ).toEqual([grace.email]);
    await updateIdentity(db(), testActor, graceIdentity.id, { isBot: false });
  });

  test('contribution: weekly per team; people-level only for the person, their managers and admins', async () => {
    const query = { ...window, repository: repositoryId };
    const admin = await getContribution(db(), { role: 'admin', personId: '' }, query);
    const core = admin.teams.find((team) => team.teamId === teamId);
    const commits = (weeks: { commits: number }[]) =>
      weeks.reduce((sum, week) => sum + week.commits, 0);
    expect(commits(core?.weeks ?? [])).toBe(5);
    expect(commits(admin.teams.find((team) => team.teamId === null)?.weeks ?? [])).toBe(1);
    expect(core?.weeks.find((week) => week.week === '2026-03-02')).toEqual({
      week: '2026-03-02',
      commits: 1,
      linesAdded: 15,
      linesDeleted: 0,
    });
    expect(admin.people.map((person) => person.name)).toEqual(['Ada', 'Bob']);
    const manager = await getContribution(db(), { role: 'leader', personId: adaId }, query);
    expect(manager.people.map((person) => person.name)).toEqual(['Ada', 'Bob']);
    // Teams of fewer than three authors are people-level too: Ada sees Core (herself and Bob), not
    // the unmatched Grace's "No team" series.
    expect(admin.hiddenTeams).toBe(0);
    expect(manager.teams.map((team) => team.teamId)).toEqual([teamId]);
    expect(manager.hiddenTeams).toBe(1);
    const report = await getContribution(db(), { role: 'member', personId: bobId }, query);
    expect(report.people.map((person) => person.name)).toEqual(['Bob']);
    expect(report.teams).toEqual([]);
    const stranger = await createPerson(db(), testActor, personInput('Stranger'));
    const none = await getContribution(db(), { role: 'leader', personId: stranger.id }, query);
    expect(none.people).toEqual([]);
    expect(none).toMatchObject({ teams: [], hiddenTeams: 2 });
  });
});
