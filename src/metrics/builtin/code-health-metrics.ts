import type { Executor } from '../../db/db.ts';
import { getOwnership } from '../../git/ownership.ts';
import { getTeamByName } from '../../org/teams.ts';
import type { Period } from '../../shared/periods.ts';
import type { SourceValue } from '../sources/source.ts';
import { periodWindows } from './period-windows.ts';
import type { BuiltinComputation, ResolvedBuiltinScope } from './registry.ts';

/**
 * Knowledge islands per period, as the code-health ownership report counts them for that window
 * (docs/git.md): the share of files changed in the period whose added lines came, 95 % or more,
 * from one author still active. Of the 5,000 files with the most lines added; none changed, no
 * value.
 */
async function islandShare(
  db: Executor,
  scope: ResolvedBuiltinScope,
  starts: Date[],
  period: Period,
): Promise<SourceValue[]> {
  const where =
    scope.kind === 'team'
      ? { team: (await getTeamByName(db, scope.name)).id }
      : { repository: scope.repositoryIds[0] };
  const values: SourceValue[] = [];
  for (const window of periodWindows(starts, period)) {
    const report = await getOwnership(db, {
      ...where,
      from: window.from,
      to: window.to,
      limit: 5_000,
    });
    if (report.files.length === 0) continue;
    const islands = report.files.filter((file) => file.knowledgeIsland).length;
    values.push({ at: window.start.toISOString(), value: (100 * islands) / report.files.length });
  }
  return values;
}

export const codeHealthComputations: readonly BuiltinComputation[] = [
  {
    name: 'code.knowledge-islands',
    title: 'Knowledge islands',
    description:
      'Share of the files changed in the period that one (active) person wrote 95 % or more of: knowledge only one person holds.',
    unit: 'percent',
    direction: 'lower',
    scopes: ['repository', 'team'],
    facts: ['commits'],
    compute: islandShare,
  },
];
