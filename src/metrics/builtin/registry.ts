import type { Executor } from '../../db/db.ts';
import { getServiceByName } from '../../delivery/services.ts';
import { getRepositoryByName } from '../../git/repositories.ts';
import { getTeamByName } from '../../org/teams.ts';
import { fieldError, InputError, NotFoundError } from '../../shared/errors.ts';
import type { Period } from '../../shared/periods.ts';
import { builtinScopes } from '../source-schema.ts';
import { SourceError, type SourceRunner, type SourceValue } from '../sources/source.ts';
import { codeHealthComputations } from './code-health-metrics.ts';
import { doraComputations } from './dora-metrics.ts';
import { gitComputations } from './git-metrics.ts';
import { incidentComputations } from './incident-metrics.ts';

/**
 * The computations Cairn runs over its own facts (deployments, incidents, commits) for one service,
 * team or repository: what a metric with a `builtin` source is (GET /api/metric-computations lists them).
 */

export type BuiltinScopeKind = (typeof builtinScopes)[number];
export type BuiltinFact = 'deployments' | 'incidents' | 'commits';

/**
 * What a computation runs over. `serviceIds`: the services whose deployments and incidents count (a
 * service itself, a team's services); `repositoryIds`: the repositories whose commits count (a
 * repository itself, a team's repositories).
 */
export type ResolvedBuiltinScope = {
  kind: BuiltinScopeKind;
  name: string;
  serviceIds: string[];
  repositoryIds: string[];
};

export type BuiltinComputation = {
  name: string;
  title: string;
  /** One line a leader understands, shown in the UI. */
  description: string;
  unit: string;
  direction: 'higher' | 'lower';
  scopes: readonly BuiltinScopeKind[];
  /** The fact tables whose changes make it recompute. */
  facts: readonly BuiltinFact[];
  /** One value per period start (no value where the number is undefined), `at` = its start. */
  compute(
    db: Executor,
    scope: ResolvedBuiltinScope,
    starts: Date[],
    period: Period,
  ): Promise<SourceValue[]>;
};

export const builtinComputations: readonly BuiltinComputation[] = [
  ...doraComputations,
  ...incidentComputations,
  ...gitComputations,
  ...codeHealthComputations,
];

export function getBuiltinComputation(name: string): BuiltinComputation {
  const computation = builtinComputations.find((candidate) => candidate.name === name);
  if (!computation) {
    const known = builtinComputations.map((candidate) => candidate.name).join(', ');
    throw fieldError('computation', `unknown computation '${name}': one of ${known}`);
  }
  return computation;
}

/** service, team or repository */
const either = (kinds: readonly string[]) =>
  kinds.length < 2 ? kinds.join('') : `${kinds.slice(0, -1).join(', ')} or ${kinds.at(-1)}`;

/**
 * The one service, team or repository a computation runs over, with the ids of what it holds.
 * Exactly one of them, and one the computation is computed per; an unknown name is NotFound.
 */
export async function resolveBuiltinScope(
  db: Executor,
  computation: BuiltinComputation,
  config: { service?: string; team?: string; repository?: string },
): Promise<ResolvedBuiltinScope> {
  const allowed = computation.scopes;
  const expected = `${computation.name} is computed per ${either(allowed)}: pass ${either(allowed)}`;
  const given = builtinScopes.filter((kind) => config[kind] !== undefined);
  const [first, second] = given;
  const wrong = given.find((kind) => !allowed.includes(kind));
  if (wrong) throw fieldError(wrong, `${expected}, not ${wrong}`);
  if (!first) throw fieldError(allowed[0] ?? 'computation', expected);
  if (second) {
    throw fieldError(second, `${expected}, ${given.length > 2 ? 'only one' : 'not both'}`);
  }
  const name = config[first] ?? '';
  if (first === 'service') {
    const service = await getServiceByName(db, name);
    return { kind: first, name: service.name, serviceIds: [service.id], repositoryIds: [] };
  }
  if (first === 'repository') {
    const repository = await getRepositoryByName(db, name);
    return { kind: first, name: repository.name, serviceIds: [], repositoryIds: [repository.id] };
  }
  const team = await getTeamByName(db, name);
  const rows = await db.query<{ kind: 'service' | 'repository'; id: string }>(
    `select 'service' as kind, id from services where team_id = $1
     union all
     select 'repository', id from repositories where team_id = $1
     order by 1, 2`,
    [team.id],
  );
  const idsOf = (kind: string) => rows.filter((row) => row.kind === kind).map((row) => row.id);
  return {
    kind: 'team',
    name: team.name,
    serviceIds: idsOf('service'),
    repositoryIds: idsOf('repository'),
  };
}

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

/**
 * Runs a metric's built-in computation over the periods asked for. What the source's owner must
 * fix (a computation or scope that no longer exists) becomes a SourceError with the same message.
 */
export const runBuiltinSource: SourceRunner = async (run) => {
  try {
    const computation = getBuiltinComputation(text(run.config.computation) ?? '');
    const scope = await resolveBuiltinScope(run.db, computation, {
      service: text(run.config.service),
      team: text(run.config.team),
      repository: text(run.config.repository),
    });
    return await computation.compute(run.db, scope, run.starts, run.metric.period);
  } catch (error) {
    if (error instanceof InputError || error instanceof NotFoundError) {
      throw new SourceError(error.message);
    }
    throw error;
  }
};
