/**
 * Delivery at scale, on PostgreSQL. Run by hand: `npm run bench:dora`.
 *
 * 1. Builds 2 years of facts in a scratch database (bench/dora-data.ts): 10 teams, 50 services,
 *    1M commits, 100k successful production deployments with ~1M deployment changes, incidents,
 *    rollbacks and hotfixes. Prints how long that took.
 * 2. The Delivery dashboard's reads for one team (5 services) over the last 90 days — getDora,
 *    getDoraWeeks, getDoraDeployments, each and all three (in sequence, and at once as the UI sends
 *    them) — plus getDora for one service and for the team over 2 years: warm, median of 7 runs
 *    after 2 warm-ups.
 * 3. Ingestion over HTTP on loopback against a real `cairn serve` process (no in-process worker):
 *    signed GitHub deployment_status deliveries to POST /api/webhooks/{id}/deliveries, and
 *    POST /api/deployments with an ingest token, each fired by autocannon from bodies prepared
 *    beforehand. Every request is a new deployment; afterwards the rows written must equal the 2xx
 *    answers. Also prints the CPU one request costs the server, PostgreSQL and the load generator
 *    (Linux /proc). The webhook part is skipped, saying so, while the receiver is not there.
 *
 * CAIRN_BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) names the server on
 * which the scratch database is created and dropped; BENCH_SECONDS (10) and BENCH_CONNECTIONS (32)
 * shape the load.
 */
import { createHmac } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { createToken } from '../src/auth/tokens.ts';
import { createUser } from '../src/auth/users.ts';
import type { Db, Executor } from '../src/db/db.ts';
import { getDora, getDoraDeployments, getDoraWeeks } from '../src/delivery/dora.ts';
import type { DoraQuery } from '../src/delivery/dora-schema.ts';
import type { Actor } from '../src/shared/access.ts';
import { type ServerProcess, startCairnServer } from '../test/process.ts';
import { analyzeDoraData, buildDoraData, type DataCounts, dataShape } from './dora-data.ts';
import {
  atLeast,
  below,
  cleanUp,
  count,
  createReport,
  load,
  ms,
  onCleanUp,
  progress,
  scratchDatabase,
  spread,
  type Timing,
  time,
} from './kit.ts';

const targets = { buildSeconds: 120, dashboardMs: 100, ingestPerSecond: 1_000 };
const loadSeconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const actor: Actor = { userId: null, label: 'bench', channel: 'system' };
const day = 86_400_000;

const report = createReport();
const row = report.row;

async function describeData(db: Executor, counts: DataCounts, seconds: number) {
  const [sizes] = await db.query<{ commits: string; deployments: string; changes: string }>(
    `select pg_size_pretty(pg_total_relation_size('git_commits')) as commits,
            pg_size_pretty(pg_total_relation_size('deployments')) as deployments,
            pg_size_pretty(pg_total_relation_size('deployment_changes')) as changes`,
  );
  console.log(
    `data        ${dataShape.teams} teams, ${dataShape.teams * dataShape.servicesPerTeam} services, ` +
      `${dataShape.days} days: ${count(counts.commits)} commits (${sizes?.commits}), ` +
      `${count(counts.deployments)} deployments (${sizes?.deployments}), ` +
      `${count(counts.changes)} deployment changes (${sizes?.changes}), ` +
      `${count(counts.incidents)} incidents, ${count(counts.rollbacks)} rollbacks, ` +
      `${count(counts.hotfixes)} hotfixes; built in ${seconds.toFixed(1)} s`,
  );
}

// --- the dashboard ---

const dateOf = (time: number) => new Date(time).toISOString().slice(0, 10);

async function measureDashboard(db: Db) {
  const today = Date.now();
  const to = dateOf(today);
  const quarter: DoraQuery = { team: 'Team 01', from: dateOf(today - 89 * day), to };
  const service: DoraQuery = { service: 'service-01', from: quarter.from, to };
  const twoYears: DoraQuery = {
    team: 'Team 01',
    from: dateOf(today - (dataShape.days - 1) * day),
    to,
  };
  const shown = await getDora(db, quarter);
  const scope = `team of 5 services, 90 days: ${count(shown.deployments)} deployments, ${count(shown.leadTime.changes)} changes`;
  const dashboard = [
    () => getDora(db, quarter),
    () => getDoraWeeks(db, quarter),
    () => getDoraDeployments(db, quarter),
  ];
  const timings = {
    dora: await time(() => getDora(db, quarter)),
    weeks: await time(() => getDoraWeeks(db, quarter)),
    deployments: await time(() => getDoraDeployments(db, quarter)),
    sequence: await time(async () => {
      for (const read of dashboard) await read();
    }),
    parallel: await time(() => Promise.all(dashboard.map((read) => read()))),
    service: await time(() => getDora(db, service)),
    twoYears: await time(() => getDora(db, twoYears)),
  };
  const limit = targets.dashboardMs;
  const target = `< ${limit} ms`;
  const add = (measure: string, t: Timing, withTarget = true) =>
    row(
      measure,
      ms(t.median),
      withTarget ? target : '',
      withTarget ? below(t.median, limit) : '',
      spread(t),
    );
  row(`scope: ${scope}`, '');
  add('getDora (team, 90 days)', timings.dora);
  add('getDoraWeeks (team, 90 days)', timings.weeks);
  add('getDoraDeployments (team, 90 days)', timings.deployments);
  add('dashboard load: the three in sequence', timings.sequence);
  add('dashboard load: the three at once (Promise.all, as the UI)', timings.parallel);
  add('getDora (one service, 90 days)', timings.service);
  const years = await getDora(db, twoYears);
  add(
    `getDora (team, 2 years: ${count(years.deployments)} deployments, ${count(years.leadTime.changes)} changes)`,
    timings.twoYears,
    false,
  );
}

// --- ingestion ---

type Load = {
  label: string;
  path: string;
  /** The n-th request's body and headers; every n is a new deployment. */
  request(n: number): { body: string; headers: Record<string, string> };
  /** Rows this load has written so far: they must grow by exactly the 2xx answers. */
  written(): Promise<{ description: string; counts: number[] }>;
};

type Cpu = { server: number; postgres: number; bench: number; busy: number; total: number };

/** CPU seconds used so far (Linux /proc; undefined elsewhere): by the server process, by every
 * postgres process on the machine, by this process (the load generator) and by the machine. */
function readCpu(serverPid: number | undefined): Cpu | undefined {
  const ticks = 100; // USER_HZ
  const ofProcess = (pid: string | number) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime + stime, and cutime + cstime: the postmaster collects the time of ended backends.
      return (
        (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) / ticks
      );
    } catch {
      return 0; // gone meanwhile
    }
  };
  try {
    const machine = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '')
      .split(/\s+/)
      .slice(1, 9) // user nice system idle iowait irq softirq steal
      .map(Number);
    const idle = (machine[3] ?? 0) + (machine[4] ?? 0);
    const total = machine.reduce((sum, value) => sum + value, 0);
    let postgres = 0;
    for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
      const comm = (() => {
        try {
          return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
        } catch {
          return '';
        }
      })();
      if (comm === 'postgres') postgres += ofProcess(pid);
    }
    const own = process.cpuUsage();
    return {
      server: serverPid ? ofProcess(serverPid) : 0,
      postgres,
      bench: (own.user + own.system) / 1e6,
      busy: (total - idle) / ticks,
      total: total / ticks,
    };
  } catch {
    return undefined;
  }
}

type LoadResult = {
  sent: number;
  ok: number;
  non2xx: number;
  errors: number;
  seconds: number;
  p50: number;
  p99: number;
  cpu: Cpu | undefined;
};

async function fire(
  base: string,
  loadSpec: Load,
  first: number,
  amount: number,
  serverPid: number | undefined,
) {
  const prepared = Array.from({ length: amount }, (_, i) => loadSpec.request(first + i));
  let next = 0;
  const cpuBefore = readCpu(serverPid);
  const started = performance.now();
  const result = await autocannon({
    url: base,
    connections,
    amount,
    requests: [
      {
        method: 'POST',
        path: loadSpec.path,
        setupRequest: (request) => {
          const prepare = prepared[next++];
          if (!prepare) throw new Error('more requests than prepared');
          return { ...request, method: 'POST', path: loadSpec.path, ...prepare };
        },
      },
    ],
  });
  const seconds = (performance.now() - started) / 1000;
  const cpuAfter = readCpu(serverPid);
  const cpu =
    cpuBefore && cpuAfter
      ? {
          server: cpuAfter.server - cpuBefore.server,
          postgres: cpuAfter.postgres - cpuBefore.postgres,
          bench: cpuAfter.bench - cpuBefore.bench,
          busy: cpuAfter.busy - cpuBefore.busy,
          total: cpuAfter.total - cpuBefore.total,
        }
      : undefined;
  return {
    sent: amount,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    cpu,
  } satisfies LoadResult;
}

/**
 * Two warm-ups (the second one timed) size the measured run to about `loadSeconds`; requests are
 * counted (amount), not timed, so that every one of them is answered and can be checked against
 * the rows written.
 */
async function measureLoad(server: ServerProcess, spec: Load) {
  const [base, pid] = [server.url, server.child.pid];
  const cold = await fire(base, spec, 0, 1_000, pid);
  const warm = await fire(base, spec, cold.sent, 3_000, pid);
  const rate = warm.sent / warm.seconds;
  // Bodies are prepared before the run (≤ 40,000 of them, ~0.4 GB at most for GitHub's).
  const amount = Math.max(2_000, Math.min(40_000, Math.round(rate * loadSeconds)));
  const before = await spec.written();
  const result = await fire(base, spec, cold.sent + warm.sent, amount, pid);
  const after = await spec.written();
  const grown = after.counts.map((value, i) => value - (before.counts[i] ?? 0));
  const consistent = grown.every((value) => value === result.ok);
  const perSecond = result.ok / result.seconds;
  row(
    `${spec.label}: ${count(result.sent)} requests, ${connections} connections`,
    `${count(Math.round(perSecond))} /s`,
    `≥ ${count(targets.ingestPerSecond)} /s`,
    atLeast(perSecond, targets.ingestPerSecond),
    `p50 ${result.p50} ms, p99 ${result.p99} ms, non-2xx ${result.non2xx}, errors ${result.errors}, ` +
      `${result.seconds.toFixed(1)} s`,
  );
  row(
    `${spec.label}: rows written = 2xx answers`,
    grown.map(count).join(' / '),
    `= ${count(result.ok)}`,
    consistent ? 'ok' : 'MISSED',
    after.description,
  );
  const { cpu } = result;
  if (cpu) {
    const each = (seconds: number) => `${((seconds * 1000) / result.sent).toFixed(2)} ms`;
    const other = cpu.busy - cpu.server - cpu.postgres - cpu.bench;
    row(
      `${spec.label}: CPU per request`,
      each(cpu.busy),
      '',
      '',
      `server ${each(cpu.server)}, postgres (all its processes) ${each(cpu.postgres)}, load generator ` +
        `${each(cpu.bench)}, everything else ${each(other)}; machine ${((100 * cpu.busy) / cpu.total).toFixed(0)} % busy`,
    );
  }
}

const hmac = (secret: string, body: string) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

const hex = (n: number, length: number) =>
  createHmac('sha1', 'bench').update(String(n)).digest('hex').slice(0, length);

/** A GitHub user object as webhooks carry it (creator, sender). */
function githubUser(login: string, id: number) {
  const api = `https://api.github.com/users/${login}`;
  return {
    login,
    id,
    node_id: `MDQ6VXNlcj${id}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: '',
    url: api,
    html_url: `https://github.com/${login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: 'User',
    user_view_type: 'public',
    site_admin: false,
  };
}

/** GitHub's repository object: most of the weight of a real delivery. */
function githubRepository() {
  const api = 'https://api.github.com/repos/example/ingest-github';
  const urls = Object.fromEntries(
    (
      [
        ['forks', 'forks'],
        ['keys', 'keys{/key_id}'],
        ['collaborators', 'collaborators{/collaborator}'],
        ['teams', 'teams'],
        ['hooks', 'hooks'],
        ['issue_events', 'issues/events{/number}'],
        ['events', 'events'],
        ['assignees', 'assignees{/user}'],
        ['branches', 'branches{/branch}'],
        ['tags', 'tags'],
        ['blobs', 'git/blobs{/sha}'],
        ['git_tags', 'git/tags{/sha}'],
        ['git_refs', 'git/refs{/sha}'],
        ['trees', 'git/trees{/sha}'],
        ['statuses', 'statuses/{sha}'],
        ['languages', 'languages'],
        ['stargazers', 'stargazers'],
        ['contributors', 'contributors'],
        ['subscribers', 'subscribers'],
        ['subscription', 'subscription'],
        ['commits', 'commits{/sha}'],
        ['git_commits', 'git/commits{/sha}'],
        ['comments', 'comments{/number}'],
        ['issue_comment', 'issues/comments{/number}'],
        ['contents', 'contents/{+path}'],
        ['compare', 'compare/{base}...{head}'],
        ['merges', 'merges'],
        ['archive', '{archive_format}{/ref}'],
        ['downloads', 'downloads'],
        ['issues', 'issues{/number}'],
        ['pulls', 'pulls{/number}'],
        ['milestones', 'milestones{/number}'],
        ['notifications', 'notifications{?since,all,participating}'],
        ['labels', 'labels{/name}'],
        ['releases', 'releases{/id}'],
        ['deployments', 'deployments'],
      ] as const
    ).map(([key, path]) => [`${key}_url`, `${api}/${path}`]),
  );
  return {
    id: 123456789,
    node_id: 'R_kgDOHbench',
    name: 'ingest-github',
    full_name: 'example/ingest-github',
    private: true,
    owner: githubUser('example', 1000),
    html_url: 'https://github.com/example/ingest-github',
    description: 'The service the bench deploys',
    fork: false,
    url: api,
    ...urls,
    created_at: '2023-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    pushed_at: '2026-01-01T00:00:00Z',
    git_url: 'git://github.com/example/ingest-github.git',
    ssh_url: 'git@github.com:example/ingest-github.git',
    clone_url: 'https://github.com/example/ingest-github.git',
    svn_url: 'https://github.com/example/ingest-github',
    homepage: null,
    size: 4242,
    stargazers_count: 0,
    watchers_count: 0,
    language: 'TypeScript',
    has_issues: true,
    has_projects: true,
    has_downloads: true,
    has_wiki: false,
    has_pages: false,
    has_discussions: false,
    forks_count: 0,
    mirror_url: null,
    archived: false,
    disabled: false,
    open_issues_count: 3,
    license: null,
    allow_forking: false,
    is_template: false,
    web_commit_signoff_required: false,
    topics: [],
    visibility: 'private',
    forks: 0,
    open_issues: 3,
    watchers: 0,
    default_branch: 'main',
  };
}

/** A deployment_status delivery (state success, environment production) of deployment `n`. */
function githubDeploymentStatus(n: number, at: string) {
  const deploymentId = 1_000_000_000 + n;
  const repository = 'https://api.github.com/repos/example/ingest-github';
  const creator = githubUser('deploy-bot', 2000);
  return {
    action: 'created',
    deployment_status: {
      url: `${repository}/deployments/${deploymentId}/statuses/${5_000_000_000 + n}`,
      id: 5_000_000_000 + n,
      node_id: `DES_bench${n}`,
      state: 'success',
      creator,
      description: 'Deployment finished successfully.',
      environment: 'production',
      target_url: `https://github.com/example/ingest-github/actions/runs/${7_000_000 + n}`,
      created_at: at,
      updated_at: at,
      deployment_url: `${repository}/deployments/${deploymentId}`,
      repository_url: repository,
      environment_url: '',
      log_url: `https://github.com/example/ingest-github/actions/runs/${7_000_000 + n}`,
      performed_via_github_app: null,
    },
    deployment: {
      url: `${repository}/deployments/${deploymentId}`,
      id: deploymentId,
      node_id: `DE_bench${n}`,
      task: 'deploy',
      original_environment: 'production',
      environment: 'production',
      description: null,
      created_at: at,
      updated_at: at,
      statuses_url: `${repository}/deployments/${deploymentId}/statuses`,
      repository_url: repository,
      creator,
      sha: hex(n, 40),
      ref: 'main',
      payload: {},
      transient_environment: false,
      production_environment: true,
      performed_via_github_app: null,
    },
    repository: githubRepository(),
    organization: { login: 'example', id: 1000, url: 'https://api.github.com/orgs/example' },
    sender: creator,
  };
}

async function api(base: string, token: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json().catch(() => null)) as unknown };
}

async function createService(base: string, token: string, name: string) {
  const created = await api(base, token, 'POST', '/api/services', { name });
  if (created.status !== 201) {
    throw new Error(
      `POST /api/services answered ${created.status} ${JSON.stringify(created.body)}`,
    );
  }
}

/** The receiver's webhook, or why its load cannot run (yet). */
async function prepareWebhook(
  base: string,
  token: string,
): Promise<{ id: string; secret: string } | string> {
  await createService(base, token, 'ingest-github');
  const created = await api(base, token, 'POST', '/api/webhooks', {
    service: 'ingest-github',
    vendor: 'github',
  });
  if (created.status === 404) return 'receiver not found';
  const webhook = created.body as { id?: string; secret?: string } | null;
  if (created.status !== 201 || !webhook?.id || !webhook.secret) {
    return `receiver not working: POST /api/webhooks answered ${created.status} ${JSON.stringify(created.body)}`;
  }
  const body = JSON.stringify(githubDeploymentStatus(-1, new Date().toISOString()));
  const probe = await fetch(`${base}/api/webhooks/${webhook.id}/deliveries`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-github-event': 'deployment_status',
      'x-github-delivery': 'bench-probe',
      'x-hub-signature-256': hmac(webhook.secret, body),
    },
    body,
  });
  const answer = await probe.text();
  if (probe.status === 404) return 'receiver not found';
  if (probe.status >= 300 || !answer.includes('recorded')) {
    return `receiver not working: a signed deployment_status answered ${probe.status} ${answer.slice(0, 300)}`;
  }
  return { id: webhook.id, secret: webhook.secret };
}

async function measureIngestion(db: Db, databaseUrl: string) {
  const user = await createUser(db, actor, {
    email: 'bench@example.com',
    name: 'Bench',
    role: 'admin',
  });
  const { token } = await createToken(db, actor, {
    userId: user.id,
    name: 'bench',
    scopes: ['read', 'write', 'ingest'],
    expiresInDays: null,
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'cairn-bench-dora-'));
  onCleanUp(() => rmSync(dataDir, { recursive: true, force: true }));
  progress('ingestion: starting cairn serve (CAIRN_WORKERS=0)');
  const server: ServerProcess = await startCairnServer({
    DATABASE_URL: databaseUrl,
    CAIRN_DATA_DIR: dataDir,
    CAIRN_WORKERS: '0',
  });
  onCleanUp(() => server.stop());
  const at = new Date(Date.now() - 60_000).toISOString();
  const countOf = async (sql: string, params: unknown[]) =>
    (await db.query<{ n: number }>(sql, params))[0]?.n ?? 0;

  const webhook = await prepareWebhook(server.url, token);
  if (typeof webhook === 'string') {
    row(`webhook ingestion: skipped — ${webhook}`, '', `≥ ${count(targets.ingestPerSecond)} /s`);
  } else {
    const deliveryPath = `/api/webhooks/${webhook.id}/deliveries`;
    const sample = JSON.stringify(githubDeploymentStatus(0, at));
    progress(`ingestion: GitHub deployment_status deliveries (${sample.length} bytes each)`);
    await measureLoad(server, {
      label: `POST ${deliveryPath.replace(webhook.id, '{id}')} (GitHub deployment_status, ${(sample.length / 1024).toFixed(1)} kB, signed)`,
      path: deliveryPath,
      request(n) {
        const body = JSON.stringify(githubDeploymentStatus(n, at));
        return {
          body,
          headers: {
            'content-type': 'application/json',
            'x-github-event': 'deployment_status',
            'x-github-delivery': `bench-${n}-${hex(n, 8)}`,
            'x-hub-signature-256': hmac(webhook.secret, body),
          },
        };
      },
      async written() {
        const deliveries = await countOf(
          'select count(*)::int as n from webhook_deliveries where webhook_id = $1',
          [webhook.id],
        );
        const deployments = await countOf(
          `select count(*)::int as n from deployments d join webhooks w on w.service_id = d.service_id
           where w.id = $1`,
          [webhook.id],
        );
        const outcomes = await db.query<{ outcome: string; n: number }>(
          `select outcome, count(*)::int as n from webhook_deliveries where webhook_id = $1
           group by 1 order by 1`,
          [webhook.id],
        );
        const shown = outcomes.map((o) => `${o.outcome} ${count(o.n)}`).join(', ');
        return {
          description: `webhook_deliveries / deployments (all deliveries so far: ${shown})`,
          counts: [deliveries, deployments],
        };
      },
    });
  }

  await createService(server.url, token, 'ingest-api');
  progress('ingestion: POST /api/deployments');
  await measureLoad(server, {
    label: 'POST /api/deployments (ingest token)',
    path: '/api/deployments',
    request(n) {
      return {
        body: JSON.stringify({
          service: 'ingest-api',
          environment: 'production',
          commit: hex(n, 40),
          finishedAt: at,
          externalId: `bench-api-${n}`,
        }),
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      };
    },
    async written() {
      const deployments = await countOf(
        `select count(*)::int as n from deployments d join services s on s.id = d.service_id
         where s.name = 'ingest-api'`,
        [],
      );
      return { description: 'deployments', counts: [deployments] };
    },
  });
}

// --- main ---

try {
  const { db, databaseUrl } = await scratchDatabase('cairn_bench_dora');

  progress('building the data');
  const started = performance.now();
  const counts = await buildDoraData(db, (message) => progress(`building: ${message}`));
  progress('vacuum analyze');
  await analyzeDoraData(db);
  const buildSeconds = (performance.now() - started) / 1000;
  await describeData(db, counts, buildSeconds);
  row(
    'data build (set-based SQL) + vacuum analyze',
    `${buildSeconds.toFixed(1)} s`,
    `< ${targets.buildSeconds} s`,
    below(buildSeconds, targets.buildSeconds),
  );

  progress('dashboard queries');
  await measureDashboard(db);

  await measureIngestion(db, databaseUrl);

  console.log('');
  report.print();
  console.log(`\nload at the end ${load()} (other work on the machine skews every figure)`);
} finally {
  await cleanUp();
}
