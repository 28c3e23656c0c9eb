import type { Executor } from '../db/db.ts';
import { identityKey, upsertIdentities } from './facts.ts';
import { runGit } from './git.ts';

/**
 * Applies the repository's current .mailmap to commits read before it changed: git maps every raw
 * author again (`git check-mailmap --stdin`), and commits whose identity changed move to the new
 * one. Facts are kept, so no history is read again.
 */
export async function remapIdentities(db: Executor, gitDir: string, repositoryId: string) {
  const authors = await db.query<{ name: string; email: string; mapped: string }>(
    `select distinct c.author_name as name, c.author_email as email,
       i.name || E'\\n' || i.email as mapped
     from git_commits c join git_identities i on i.id = c.identity_id
     where c.repository_id = $1`,
    [repositoryId],
  );
  const contacts = authors.filter((author) => !/[<>\n]/.test(author.name + author.email));
  if (contacts.length === 0) return 0;
  const output = await runGit(['-C', gitDir, 'check-mailmap', '--stdin'], {
    input: contacts.map((author) => `${author.name} <${author.email}>\n`).join(''),
  });
  const lines = output.split('\n');
  const moves: { name: string; email: string; to: { name: string; email: string } }[] = [];
  for (const [index, author] of contacts.entries()) {
    const match = /^(.*?) ?<(.*)>$/.exec(lines[index] ?? '');
    if (!match) continue;
    const to = { name: match[1] ?? '', email: match[2] ?? '' };
    if (`${to.name}\n${to.email}` !== author.mapped) moves.push({ ...author, to });
  }
  if (moves.length === 0) return 0;
  const ids = await upsertIdentities(
    db,
    moves.map((move) => move.to),
  );
  await db.query(
    `update git_commits c set identity_id = m.identity
     from unnest($2::text[], $3::text[], $4::bigint[]) as m(name, email, identity)
     where c.repository_id = $1 and c.author_name = m.name and c.author_email = m.email`,
    [
      repositoryId,
      moves.map((move) => move.name),
      moves.map((move) => move.email),
      moves.map((move) => ids.get(identityKey(move.to.name, move.to.email)) ?? 0),
    ],
  );
  await db.query(
    `update git_file_changes f set identity_id = c.identity_id
     from git_commits c
     where f.repository_id = $1 and c.repository_id = $1 and c.sha = f.sha
       and f.identity_id <> c.identity_id`,
    [repositoryId],
  );
  return moves.length;
}
