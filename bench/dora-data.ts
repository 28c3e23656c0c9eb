/**
 * The data bench/dora.ts queries, built in the database with set-based SQL (nothing is read into
 * Node): 10 teams of 5 services, each service with its repository, over the 2 years up to now.
 *
 * Per service: 20,000 commits and 2,000 successful production deployments, one every ~8.8 hours.
 * Deployment j ships the commits after its base's tip up to its own (4–16, ~10 on average), so the
 * 50 repositories hold 1,000,000 commits and deployment_changes ~1,000,000 rows, as the
 * delivery.resolve-changes job would leave them (changes_state 'resolved', changes_base_id the
 * previous deployment). Every 200th deployment of a service is a rollback to the one before the
 * previous (it ships nothing, rolls_back_id names the previous one, whose rolled_back_by_id names
 * it; the next deployment ships the rolled-back commits again), every 200th another a hotfix of the
 * previous one; ~5 % of deployments cause an incident (started 10 min – 2 h after
 * it, resolved 0.5 – 8.5 h later; half name the deployment, half are matched by time).
 */
import type { Executor } from '../src/db/db.ts';

export const dataShape = {
  teams: 10,
  servicesPerTeam: 5,
  days: 730,
  deploymentsPerService: 2_000,
  commitsPerService: 20_000,
  identities: 100,
};

export type DataCounts = {
  commits: number;
  deployments: number;
  changes: number;
  incidents: number;
  rollbacks: number;
  hotfixes: number;
};

/** A 40-hex-digit commit id for commit `seq` of the repository of service `n`, made up the same
 * way wherever it is needed. */
const sha = (n: string, seq: string) =>
  `(md5(${n} || ':' || ${seq}) || left(md5(${seq} || ':' || ${n}), 8))`;

const pad = (value: string) => `lpad((${value})::text, 2, '0')`;

export async function buildDoraData(
  db: Executor,
  progress: (message: string) => void,
): Promise<DataCounts> {
  const { teams, servicesPerTeam, days, deploymentsPerService, commitsPerService } = dataShape;
  const services = teams * servicesPerTeam;
  const perDeployment = commitsPerService / deploymentsPerService;
  return db.transaction(async (tx) => {
    await tx.exec(`set local synchronous_commit = off;
      set local work_mem = '256MB';
      set local maintenance_work_mem = '256MB'`);

    progress('teams, repositories, services, identities');
    await tx.query(
      `insert into teams (name, mission)
       select 'Team ' || ${pad('i')}, 'Bench team ' || i from generate_series(1, $1::int) i`,
      [teams],
    );
    await tx.query(
      `insert into repositories (name, source, kind, branch, team_id, synced_sha, synced_seq,
         synced_at)
       select 'repo-' || ${pad('n')}, '/nonexistent/bench/repo-' || n, 'path', 'main', t.id,
              ${sha('n', '$3::int')}, $3::int, now()
       from generate_series(1, $1::int) n
       join teams t on t.name = 'Team ' || ${pad('(n - 1) / $2::int + 1')}`,
      [services, servicesPerTeam, commitsPerService],
    );
    await tx.query(
      `insert into services (name, team_id, repository_id)
       select 'service-' || substr(r.name, 6), r.team_id, r.id from repositories r`,
    );
    await tx.query(
      `insert into git_identities (name, email)
       select 'Developer ' || i, 'dev' || i || '@example.com' from generate_series(1, $1::int) i`,
      [dataShape.identities],
    );

    progress('deployment plan');
    // One row per deployment: its time, the commits it owns (first ships) and its tip (t).
    await tx.query(
      `create temp table bench_plan on commit drop as
       with svc as (
         select substr(s.name, 9)::int as n, s.id as service_id, s.repository_id from services s
       ),
       raw as (
         select svc.*, j, gen_random_uuid() as id,
                now() - make_interval(days => $1::int)
                  + (j - 0.05 - random() * 0.15) * make_interval(days => $1::int) / $2::int
                  as finished_at,
                (j + n * 7) % 200 = 0 and j > 2 as rollback,
                (j + n * 7) % 200 = 100 and j > 1 as hotfix,
                random() < 0.05 as incident,
                case when j = $2::int then $3::int
                     else $4::int * j + floor(random() * 7)::int - 3 end as b_raw
         from svc cross join generate_series(1, $2::int) j
       ),
       owned as (
         select raw.*,
                case when rollback then lag(b_raw) over w else b_raw end as b0,
                lag(id) over w as prev_id,
                case when lead(rollback) over w then lead(id) over w end as rolled_back_by_id
         from raw window w as (partition by n order by j)
       ),
       tipped as (
         select owned.*,
                coalesce(lag(b0) over w, 0) as owned_from,
                case when rollback then lag(b0, 2) over w else b0 end as t
         from owned window w as (partition by n order by j)
       )
       select tipped.*, coalesce(lag(t) over w, 0) as t_prev
       from tipped window w as (partition by n order by j)`,
      [days, deploymentsPerService, commitsPerService, perDeployment],
    );
    await tx.exec('analyze bench_plan');

    progress('git_commits (1M rows)');
    await tx.query(
      `insert into git_commits (repository_id, sha, seq, parent_count, identity_id, author_name,
         author_email, author_at, committed_at, message, files, lines_added, lines_deleted)
       select p.repository_id, ${sha('p.n', 'k')}, k, 1, first.id + who, 'Developer ' || (who + 1),
              'dev' || (who + 1) || '@example.com', a.at, a.at, 'Change ' || k || ' of repo ' || p.n,
              1 + k % 7, 5 + (k * 13) % 200, (k * 7) % 50
       from bench_plan p
       cross join (select min(id) as id from git_identities) first
       cross join lateral generate_series(p.owned_from + 1, p.b0) k
       cross join lateral (select (k * 31 + p.n) % $1::int as who) i
       cross join lateral (
         select p.finished_at - (0.25 + 40 * random() ^ 2) * interval '1 hour'
           as at
       ) a
       order by p.n, k`,
      [dataShape.identities],
    );

    progress('deployments (100k rows)');
    await tx.query(
      `insert into deployments (id, service_id, environment, sha, status, started_at, finished_at,
         external_id, source, fixes_id, changes_state, changes_base_id, change_count,
         rolls_back_id, rolled_back_by_id)
       select p.id, p.service_id, 'production', ${sha('p.n', 'p.t')}, 'success',
              p.finished_at - interval '7 minutes', p.finished_at, 'bench:' || p.j, 'api',
              case when p.hotfix then p.prev_id end, 'resolved', p.prev_id,
              greatest(p.t - p.t_prev, 0), case when p.rollback then p.prev_id end,
              p.rolled_back_by_id
       from bench_plan p order by p.finished_at`,
    );

    progress('deployment_changes (~1M rows)');
    await tx.query(
      `insert into deployment_changes (deployment_id, sha, author_at, is_merge)
       select p.id, c.sha, c.author_at, false
       from bench_plan p
       join git_commits c on c.repository_id = p.repository_id and c.seq > p.t_prev
         and c.seq <= p.t
       where p.t > p.t_prev
       order by p.finished_at`,
    );

    progress('incidents');
    await tx.query(
      `insert into incidents (service_id, title, severity, started_at, detected_at, resolved_at,
         caused_by_deployment_id, external_id, source)
       select p.service_id, 'Bench incident ' || p.n || '/' || p.j,
              (array['sev1', 'sev2', 'sev3', 'sev4'])[1 + p.j % 4], x.started_at,
              x.started_at + interval '5 minutes',
              x.started_at + (0.5 + random() * 8) * interval '1 hour',
              case when p.j % 2 = 0 then p.id end, 'bench:' || p.n || ':' || p.j, 'api'
       from bench_plan p
       cross join lateral (
         select p.finished_at + interval '10 minutes' + random() * interval '2 hours' as started_at
       ) x
       where p.incident and not p.rollback
       order by x.started_at`,
    );

    const [counts] = await tx.query<DataCounts>(
      `select (select count(*)::int from git_commits) as commits,
              (select count(*)::int from deployments) as deployments,
              (select count(*)::int from deployment_changes) as changes,
              (select count(*)::int from incidents) as incidents,
              (select count(*)::int from deployments where rolls_back_id is not null) as rollbacks,
              (select count(*)::int from deployments where fixes_id is not null) as hotfixes`,
    );
    if (!counts) throw new Error('no counts');
    return counts;
  });
}

/** Statistics for the planner, as autovacuum would gather them after a real ingestion. */
export async function analyzeDoraData(db: Executor): Promise<void> {
  await db.exec('vacuum analyze');
}
