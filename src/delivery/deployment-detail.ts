import type { Executor } from '../db/db.ts';
import { queryOne } from '../db/db.ts';
import type { DeploymentDetail } from './deployment-schema.ts';
import { getDeployment } from './deployments.ts';
import { getDoraDeployment } from './dora.ts';
import { listIncidents } from './incidents.ts';

const maxChanges = 500;

/** A deployment with what it shipped, why it counts as failed and the incidents tied to it. */
export async function getDeploymentDetail(db: Executor, id: string): Promise<DeploymentDetail> {
  const deployment = await getDeployment(db, id);
  const [base, changes, dora, incidents] = await Promise.all([
    queryOne<{ id: string; commit: string; finishedAt: string }>(
      db,
      `select b.id, b.sha as commit, b.finished_at as "finishedAt"
       from deployments d join deployments b on b.id = d.changes_base_id where d.id = $1`,
      [id],
    ),
    db.query<DeploymentDetail['changes'][number]>(
      `select c.sha, c.author_at as "authorAt",
              round((extract(epoch from d.finished_at - c.author_at) / 3600)::numeric, 2)::float8
                as "leadTimeHours",
              split_part(g.message, E'\\n', 1) as message, g.author_name as author
       from deployment_changes c
       join deployments d on d.id = c.deployment_id
       join services s on s.id = d.service_id
       join git_commits g on g.repository_id = s.repository_id and g.sha = c.sha
       where c.deployment_id = $1 and not c.is_merge
       order by c.author_at desc, c.sha limit ${maxChanges}`,
      [id],
    ),
    deployment.production && deployment.status === 'success'
      ? getDoraDeployment(db, deployment)
      : undefined,
    listIncidents(db, { deployment: id, limit: 200 }),
  ]);
  return {
    ...deployment,
    base: base ?? null,
    changes,
    failed: dora?.failed ?? false,
    failedBecause: dora?.failedBecause ?? [],
    recoveryHours: dora?.recoveryHours ?? null,
    incidents: incidents.items.map((incident) => ({
      id: incident.id,
      title: incident.title,
      severity: incident.severity,
      link: incident.cause?.link ?? 'deployment',
    })),
  };
}
