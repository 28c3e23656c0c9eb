import { type Executor, queryMany } from '../db/db.ts';
import { type Author, resolveAuthors } from './authors.ts';
import type { Ownership, OwnershipReport, WindowQuery } from './health-schema.ts';
import { resolveScope, scopeView } from './scope.ts';

const islandShare = 0.95;
const inactiveMonths = 6;

/**
 * Ownership and knowledge per file and per folder, from the lines each author added in the window
 * (bots left out): the main author's share, the number of authors, fragmentation (1 − Σ share²),
 * knowledge islands (one active author added ≥ 95 %) and knowledge-loss risk (the main author has
 * left, or has made no commit for 6 months before the window's end).
 */
export async function getOwnership(db: Executor, query: WindowQuery): Promise<OwnershipReport> {
  const scope = await resolveScope(db, query);
  const rows = await queryMany<Row>(
    db,
    `select c.repository_id as "repositoryId", c.file_id as "fileId", c.identity_id as "identityId",
       sum(c.lines_added)::int as added
     from git_file_changes c join repositories r on r.id = c.repository_id
     where c.repository_id = any($1::uuid[]) and c.seq <= r.synced_seq
       and c.author_at >= $2 and c.author_at < $3 and c.lines_added > 0
     group by c.repository_id, c.file_id, c.identity_id`,
    [scope.repositories.map((repository) => repository.id), scope.start, scope.end],
  );
  const paths = new Map(
    (
      await db.query<{ id: number; path: string }>(
        'select id, path from git_files where id = any($1::bigint[])',
        [[...new Set(rows.map((row) => row.fileId))]],
      )
    ).map((file) => [file.id, file.path]),
  );
  const names = new Map(scope.repositories.map((repository) => [repository.id, repository.name]));
  const authors = await resolveAuthors(
    db,
    [...new Set(rows.map((row) => row.identityId))],
    scope.end,
  );
  const inactiveBefore = new Date(scope.end);
  inactiveBefore.setUTCMonth(inactiveBefore.getUTCMonth() - inactiveMonths);

  const files = new Map<string, Tally>();
  const folders = new Map<string, Tally>();
  for (const row of rows) {
    const author = authors.get(row.identityId);
    const path = paths.get(row.fileId);
    if (!author || author.isBot || path === undefined) continue;
    const where = { repositoryId: row.repositoryId, repository: names.get(row.repositoryId) ?? '' };
    addTo(files, where, path, author, row.added);
    let slash = path.indexOf('/');
    while (slash > 0) {
      addTo(folders, where, path.slice(0, slash), author, row.added);
      slash = path.indexOf('/', slash + 1);
    }
  }
  const summarise = (tallies: Map<string, Tally>, kind: Ownership['kind']) =>
    [...tallies.values()]
      .map((tally) => summary(tally, kind, scope.to, inactiveBefore.toISOString()))
      .sort(byRisk)
      .slice(0, query.limit);
  return {
    ...scopeView(scope),
    files: summarise(files, 'file'),
    folders: summarise(folders, 'folder'),
  };
}

type Row = { repositoryId: string; fileId: number; identityId: number; added: number };
type Tally = {
  repositoryId: string;
  repository: string;
  path: string;
  total: number;
  byAuthor: Map<string, [Author, number]>;
};

function addTo(
  tallies: Map<string, Tally>,
  row: { repositoryId: string; repository: string },
  path: string,
  author: Author,
  added: number,
) {
  const key = `${row.repositoryId}\u0000${path}`;
  let tally = tallies.get(key);
  if (!tally) {
    tally = {
      repositoryId: row.repositoryId,
      repository: row.repository,
      path,
      total: 0,
      byAuthor: new Map(),
    };
    tallies.set(key, tally);
  }
  tally.total += added;
  const entry = tally.byAuthor.get(author.key);
  if (entry) entry[1] += added;
  else tally.byAuthor.set(author.key, [author, added]);
}

function summary(
  tally: Tally,
  kind: Ownership['kind'],
  to: string,
  inactiveBefore: string,
): Ownership {
  let main: [Author, number] | undefined;
  let sumOfSquares = 0;
  for (const entry of tally.byAuthor.values()) {
    const share = entry[1] / tally.total;
    sumOfSquares += share * share;
    if (!main || entry[1] > main[1] || (entry[1] === main[1] && entry[0].name < main[0].name)) {
      main = entry;
    }
  }
  const [author, added] = main as [Author, number];
  const share = added / tally.total;
  const knowledgeLoss =
    author.endDate !== null && author.endDate <= to
      ? 'left'
      : author.lastCommitAt === null || author.lastCommitAt < inactiveBefore
        ? 'inactive'
        : null;
  return {
    repositoryId: tally.repositoryId,
    repository: tally.repository,
    path: tally.path,
    kind,
    linesAdded: tally.total,
    authors: tally.byAuthor.size,
    mainAuthor: { name: author.name, personId: author.personId, identityId: author.identityId },
    mainAuthorShare: round(share),
    fragmentation: round(1 - sumOfSquares),
    knowledgeIsland: share >= islandShare && knowledgeLoss === null,
    knowledgeLoss,
  };
}

const round = (value: number) => Math.round(value * 10_000) / 10_000;
const risk = (row: Ownership) => (row.knowledgeLoss ? 0 : row.knowledgeIsland ? 1 : 2);
const byRisk = (a: Ownership, b: Ownership) =>
  risk(a) - risk(b) || b.linesAdded - a.linesAdded || a.path.localeCompare(b.path);
