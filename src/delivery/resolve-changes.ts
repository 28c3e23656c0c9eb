import type { Executor } from '../db/db.ts';
import { GitError, runGit } from '../git/git.ts';
import { mirrorPath } from '../git/source.ts';
import { deploymentOrder, productionSuccess } from './deployments.ts';

/**
 * Works out what each successful production deployment shipped (docs/adr/0009): the commits reachable
 * from its commit and not from the previous successful production deployment of its service —
 * `git rev-list D ^P`, as git itself answers it. A deployment waits ('pending') until its commit and
 * its base's are synced from git. Deployments that arrive late or move are handled by comparing each
 * one's recorded base with its previous deployment now: a mismatch is worked out again.
 */

type Candidate = {
  id: string;
  serviceId: string;
  sha: string;
  prevId: string | null;
  prevSha: string | null;
  repositoryId: string | null;
  kind: 'path' | 'mirror' | null;
  source: string | null;
};

export type ResolveResult = {
  resolved: number;
  pending: number;
  tagDeployments: number;
  /** Git could not answer (a repository moved or gone): they stay pending and are tried again. */
  errors: string[];
};

export async function resolveChanges(db: Executor, dataDir: string): Promise<ResolveResult> {
  const errors: string[] = [];
  const tagDeployments = await readTagDeployments(db, dataDir, errors);
  const candidates = await db.query<Candidate>(
    `with prod as (
       select d.id, d.service_id, d.sha, d.changes_state, d.changes_base_id, s.repository_id,
              lag(d.id) over w as prev_id, lag(d.sha) over w as prev_sha
       from deployments d join services s on s.id = d.service_id
       where ${productionSuccess}
       window w as (partition by d.service_id order by ${deploymentOrder})
     )
     select p.id, p.service_id as "serviceId", p.sha, p.prev_id as "prevId",
            p.prev_sha as "prevSha", p.repository_id as "repositoryId", r.kind, r.source
     from prod p left join repositories r on r.id = p.repository_id
     where p.changes_state = 'pending' or p.changes_base_id is distinct from p.prev_id
     order by p.service_id, p.id`,
  );
  let resolved = 0;
  let pending = 0;
  for (const candidate of candidates) {
    try {
      if (await resolveOne(db, dataDir, candidate)) resolved += 1;
      else pending += 1;
    } catch (error) {
      // One service's unreadable repository must not hold up the others.
      if (!(error instanceof GitError)) throw error;
      pending += 1;
      errors.push(`deployment ${candidate.id}: ${error.message}`);
    }
  }
  return { resolved, pending, tagDeployments, errors: errors.slice(0, 20) };
}

function gitDirOf(
  dataDir: string,
  repository: { repositoryId: string; kind: string; source: string },
) {
  return repository.kind === 'mirror'
    ? mirrorPath(dataDir, repository.repositoryId)
    : repository.source;
}

async function synced(db: Executor, repositoryId: string, shas: string[]): Promise<boolean> {
  const rows = await db.query<{ n: number }>(
    `select count(*)::int as n from git_commits c join repositories r on r.id = c.repository_id
     where c.repository_id = $1 and c.sha = any($2::text[]) and c.seq <= r.synced_seq`,
    [repositoryId, shas],
  );
  return rows[0]?.n === new Set(shas).size;
}

const batchSize = 5_000;

async function resolveOne(db: Executor, dataDir: string, candidate: Candidate): Promise<boolean> {
  const { repositoryId, kind, source } = candidate;
  if (!repositoryId || !kind || !source) return false;
  const shas = candidate.prevSha ? [candidate.sha, candidate.prevSha] : [candidate.sha];
  if (!(await synced(db, repositoryId, shas))) return false;
  const gitDir = gitDirOf(dataDir, { repositoryId, kind, source });
  const args = ['-C', gitDir, 'rev-list', candidate.sha];
  if (candidate.prevSha) args.push(`^${candidate.prevSha}`);
  const shipped = (await runGit(args)).split('\n').filter((line) => line !== '');
  // Nothing new, and not a redeploy of the same commit: it shipped an ancestor of the previous one.
  const rollsBack =
    candidate.prevId && shipped.length === 0 && candidate.sha !== candidate.prevSha
      ? candidate.prevId
      : null;
  const undone = rollsBack ? await rolledBack(db, gitDir, candidate) : [];
  return db.transaction(async (tx) => {
    // Two workers may resolve at once, and a deployment may change meanwhile: under the row lock,
    // give up if this one or its base is no longer what git was asked about (it stays pending, or
    // is a candidate again, and the next run works it out).
    const current = await tx.query<{ state: string; baseId: string | null; sha: string }>(
      `select changes_state as state, changes_base_id as "baseId", sha from deployments
       where id = $1 for update`,
      [candidate.id],
    );
    const row = current[0];
    if (!row || row.sha !== candidate.sha) return false;
    if (candidate.prevId) {
      const base = await tx.query<{ sha: string }>('select sha from deployments where id = $1', [
        candidate.prevId,
      ]);
      if (base[0]?.sha !== candidate.prevSha) return false;
    }
    if (row.state === 'resolved' && row.baseId === candidate.prevId) return true;
    await tx.query('update deployments set rolled_back_by_id = null where rolled_back_by_id = $1', [
      candidate.id,
    ]);
    if (undone.length > 0) {
      await tx.query('update deployments set rolled_back_by_id = $1 where id = any($2::uuid[])', [
        candidate.id,
        undone,
      ]);
    }
    await tx.query('delete from deployment_changes where deployment_id = $1', [candidate.id]);
    for (let start = 0; start < shipped.length; start += batchSize) {
      await tx.query(
        `insert into deployment_changes (deployment_id, sha, author_at, is_merge)
         select $1, c.sha, c.author_at, c.parent_count > 1 from git_commits c
         where c.repository_id = $2 and c.sha = any($3::text[])`,
        [candidate.id, repositoryId, shipped.slice(start, start + batchSize)],
      );
    }
    await tx.query(
      `update deployments set changes_state = 'resolved', changes_base_id = $2, rolls_back_id = $3,
         change_count = (select count(*) from deployment_changes
                         where deployment_id = $1 and not is_merge)
       where id = $1`,
      [candidate.id, candidate.prevId, rollsBack],
    );
    return true;
  });
}

/**
 * A rollback undoes every deployment since the last one whose commit it still contains: walking
 * back from the one it follows, each deployment whose commit is not an ancestor of (or equal to) the
 * rollback's commit was rolled back by it (at most 50, newest first).
 */
async function rolledBack(db: Executor, gitDir: string, rollback: Candidate): Promise<string[]> {
  const earlier = await db.query<{ id: string; sha: string }>(
    `select d.id, d.sha from deployments d join services s on s.id = d.service_id
     join deployments r on r.id = $2
     where d.service_id = $1 and ${productionSuccess}
       and (d.finished_at, d.created_at, d.id) < (r.finished_at, r.created_at, r.id)
     order by d.finished_at desc, d.created_at desc, d.id desc limit 50`,
    [rollback.serviceId, rollback.id],
  );
  const undone: string[] = [];
  for (const deployment of earlier) {
    if (await isAncestor(gitDir, deployment.sha, rollback.sha)) break;
    undone.push(deployment.id);
  }
  return undone;
}

async function isAncestor(gitDir: string, ancestor: string, of: string): Promise<boolean> {
  try {
    await runGit(['-C', gitDir, 'merge-base', '--is-ancestor', ancestor, of]);
    return true;
  } catch (error) {
    if (error instanceof GitError && error.exitCode === 1) return false;
    throw error;
  }
}

type TagService = {
  id: string;
  tagPattern: string;
  environment: string;
  repositoryId: string;
  kind: string;
  source: string;
  syncedAt: string;
};

/**
 * Services that count git tags as deployments: each tag matching the pattern whose commit is synced
 * becomes a successful deployment to the first production environment, finished at the tag's date
 * (the tagger's for an annotated tag, the commit's for a lightweight one). Read again after each
 * sync, new commits or not: a release is often tagged on a commit already read.
 */
async function readTagDeployments(
  db: Executor,
  dataDir: string,
  errors: string[],
): Promise<number> {
  const services = await db.query<TagService>(
    `select s.id, s.tag_pattern as "tagPattern", s.production_environments[1] as environment,
            r.id as "repositoryId", r.kind, r.source, r.synced_at as "syncedAt"
     from services s join repositories r on r.id = s.repository_id
     where s.tag_pattern is not null and r.synced_sha is not null
       and (s.tags_read_at is null or s.tags_read_at < r.synced_at)`,
  );
  let added = 0;
  for (const service of services) {
    const out = await runGit([
      '-C',
      gitDirOf(dataDir, service),
      'for-each-ref',
      '--format=%(refname:strip=2)%09%(objectname)%09%(*objectname)%09%(creatordate:unix)',
      `refs/tags/${service.tagPattern}`,
    ]).catch((error: unknown) => {
      if (!(error instanceof GitError)) throw error;
      errors.push(`tags of service ${service.id}: ${error.message}`);
      return undefined;
    });
    if (out === undefined) continue;
    const tags = out
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => {
        const [name = '', object = '', peeled = '', unix = '0'] = line.split('\t');
        return {
          name,
          sha: peeled || object,
          finishedAt: new Date(Number(unix) * 1000).toISOString(),
        };
      });
    await db.transaction(async (tx) => {
      if (tags.length > 0) {
        const rows = await tx.query(
          `insert into deployments (service_id, environment, sha, status, finished_at, external_id,
             source)
           select $1, $2, t.sha, 'success', t.finished_at, 'tag:' || t.name, 'tag'
           from unnest($3::text[], $4::text[], $5::timestamptz[]) as t(name, sha, finished_at)
           join git_commits c on c.repository_id = $6 and c.sha = t.sha
           join repositories r on r.id = c.repository_id and c.seq <= r.synced_seq
           on conflict (service_id, external_id) do nothing returning id`,
          [
            service.id,
            service.environment,
            tags.map((tag) => tag.name),
            tags.map((tag) => tag.sha),
            tags.map((tag) => tag.finishedAt),
            service.repositoryId,
          ],
        );
        added += rows.length;
      }
      await tx.query('update services set tags_read_at = $2 where id = $1', [
        service.id,
        service.syncedAt,
      ]);
    });
  }
  return added;
}
