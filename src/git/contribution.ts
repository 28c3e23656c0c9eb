import type { Executor } from '../db/db.ts';
import { findTeam } from '../org/teams.ts';
import type { Principal } from '../shared/access.ts';
import { NotFoundError } from '../shared/errors.ts';
import { resolveAuthors } from './authors.ts';
import type { Contribution, ContributionQuery, Week } from './health-schema.ts';
import { resolveWindow } from './scope.ts';

/** Team series from fewer authors are people-level data. */
const minTeamAuthors = 3;

type Row = { week: string; identityId: number; commits: number; added: number; deleted: number };

/**
 * Non-merge commits and changed lines per ISO week, per team and per person (bots left out).
 * People-level series only for the people the viewer may see: themselves, everyone below them in
 * the manager chain, everyone for admins. A team series made of fewer than three authors counts as
 * people-level too.
 */
export async function getContribution(
  db: Executor,
  viewer: Pick<Principal, 'role' | 'personId'>,
  query: ContributionQuery,
): Promise<Contribution> {
  const window = resolveWindow(query);
  if (query.team !== undefined && !(await findTeam(db, query.team))) {
    throw new NotFoundError(`unknown team '${query.team}'`);
  }
  const repositories = await db.query<{ id: string; name: string }>(
    `select id, name from repositories where $1::uuid is null or id = $1 order by lower(name)`,
    [query.repository ?? null],
  );
  if (query.repository !== undefined && repositories.length === 0) {
    throw new NotFoundError(`unknown repository '${query.repository}'`);
  }
  const rows = await db.query<Row>(
    `select to_char(date_trunc('week', c.author_at), 'YYYY-MM-DD') as week, c.identity_id as "identityId",
       count(*)::int as commits, sum(c.lines_added)::int as added, sum(c.lines_deleted)::int as deleted
     from git_commits c join repositories r on r.id = c.repository_id
     where c.seq <= r.synced_seq and c.parent_count <= 1 and c.author_at >= $1 and c.author_at < $2
       and ($3::uuid is null or c.repository_id = $3)
     group by 1, 2`,
    [window.start, window.end, query.repository ?? null],
  );
  const authors = await resolveAuthors(db, [...new Set(rows.map((row) => row.identityId))]);
  const visible = await visiblePeople(db, viewer);
  const weeks = weeksOf(window.start, window.end);
  const teams = new Map<
    string,
    { teamId: string | null; series: Map<string, Week>; authors: Map<string, string | null> }
  >();
  const people = new Map<
    string,
    { personId: string; name: string; teamId: string | null; series: Map<string, Week> }
  >();

  for (const row of rows) {
    const author = authors.get(row.identityId);
    if (!author || author.isBot) continue;
    if (query.team !== undefined && author.teamId !== query.team) continue;
    const teamKey = author.teamId ?? '';
    let team = teams.get(teamKey);
    if (!team) {
      team = { teamId: author.teamId, series: new Map(), authors: new Map() };
      teams.set(teamKey, team);
    }
    team.authors.set(author.key, author.personId);
    addWeek(team.series, row);
    if (author.personId && (visible === 'all' || visible.has(author.personId))) {
      let person = people.get(author.personId);
      if (!person) {
        person = {
          personId: author.personId,
          name: author.name,
          teamId: author.teamId,
          series: new Map(),
        };
        people.set(author.personId, person);
      }
      addWeek(person.series, row);
    }
  }
  const teamNames = await db.query<{ id: string; name: string }>(
    'select id, name from teams where id = any($1::uuid[])',
    [[...teams.values()].flatMap((team) => (team.teamId ? [team.teamId] : []))],
  );
  const nameOf = new Map(teamNames.map((team) => [team.id, team.name]));
  // A team series of one or two authors would show their own numbers: only to who may see them.
  const mayShow = (team: { authors: Map<string, string | null> }) =>
    visible === 'all' ||
    team.authors.size >= minTeamAuthors ||
    [...team.authors.values()].every((personId) => personId !== null && visible.has(personId));
  const shown = [...teams.values()].filter(mayShow);
  const fill = (series: Map<string, Week>) =>
    weeks.map((week) => series.get(week) ?? { week, commits: 0, linesAdded: 0, linesDeleted: 0 });
  return {
    from: window.from,
    to: window.to,
    repositories,
    hiddenTeams: teams.size - shown.length,
    teams: shown
      .map((team) => ({
        teamId: team.teamId,
        name: team.teamId ? (nameOf.get(team.teamId) ?? '') : 'No team',
        weeks: fill(team.series),
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    people: [...people.values()]
      .map((person) => ({
        personId: person.personId,
        name: person.name,
        teamId: person.teamId,
        weeks: fill(person.series),
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

function addWeek(series: Map<string, Week>, row: Row) {
  const week = series.get(row.week) ?? {
    week: row.week,
    commits: 0,
    linesAdded: 0,
    linesDeleted: 0,
  };
  week.commits += row.commits;
  week.linesAdded += row.added;
  week.linesDeleted += row.deleted;
  series.set(row.week, week);
}

/** Mondays of the ISO weeks that overlap [start, end). */
export function weeksOf(start: string, end: string): string[] {
  const day = 86_400_000;
  const first = new Date(start);
  const monday = new Date(first.getTime() - ((first.getUTCDay() + 6) % 7) * day);
  const weeks: string[] = [];
  for (let at = monday.getTime(); at < new Date(end).getTime(); at += 7 * day) {
    weeks.push(new Date(at).toISOString().slice(0, 10));
  }
  return weeks;
}

async function visiblePeople(
  db: Executor,
  viewer: Pick<Principal, 'role' | 'personId'>,
): Promise<'all' | Set<string>> {
  if (viewer.role === 'admin') return 'all';
  const rows = await db.query<{ id: string }>(
    `with recursive below as (
       select id from people where id = $1
       union select p.id from people p join below b on p.manager_id = b.id)
     select id from below`,
    [viewer.personId],
  );
  return new Set(rows.map((row) => row.id));
}
