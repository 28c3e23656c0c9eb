import type { DoraDeployment } from '../api.ts';

/** The four keys, each the filter of the deployments behind it. */
export const doraKeys = ['frequency', 'lead-time', 'failure', 'recovery'] as const;
export type DoraKey = (typeof doraKeys)[number];

export function isDoraKey(value: string | null): value is DoraKey {
  return doraKeys.includes(value as DoraKey);
}

/** What each key counts, in plain words: shown next to its number. */
export const doraKeyTerms: Record<
  DoraKey,
  { title: string; definition: string; bands: string; listTitle: string }
> = {
  frequency: {
    title: 'Deployment frequency',
    definition:
      'Deployments ÷ (days in the window ÷ 7). Deploy-days per week: the median, over the ' +
      "window's ISO weeks, of the days that had a deployment.",
    bands: 'Elite: 5 or more deploy-days a week; high: 1 or more; medium: 1 or more a month.',
    listTitle: 'All deployments',
  },
  'lead-time': {
    title: 'Lead time for changes',
    definition:
      'Deployment finish − commit author time, for each non-merge commit a deployment shipped ' +
      "(the commits since the service's previous production deployment). Median, p75 and p90.",
    bands: 'Elite: under a day; high: under a week; medium: under 30 days.',
    listTitle: 'Deployments with changes',
  },
  failure: {
    title: 'Change failure rate',
    definition:
      'Failed deployments ÷ deployments. A deployment failed when an incident is tied to it ' +
      '(named, or by default the last production deployment before the impact started), or it ' +
      'was rolled back, or fixed by a hotfix.',
    bands: 'Elite: 5 % or less; high: 10 % or less; medium: 15 % or less.',
    listTitle: 'Failed deployments',
  },
  recovery: {
    title: 'Time to restore',
    definition:
      "From a failed deployment's finish to the resolution of its incidents (or to its rollback " +
      'or hotfix). Median over the recovered deployments.',
    bands: 'Elite: under an hour; high: under a day; medium: under a week.',
    listTitle: 'Recovered deployments',
  },
};

/** What every key counts from: the rule that decides which deployments are in. */
export const countedDeployments =
  'Only successful deployments to a production environment count. A deployment belongs to the ' +
  'window by its finish time; the window is whole UTC days.';

export const pendingTerm =
  'Pending: its commit is not synced from git yet. It counts as a deployment; its changes count ' +
  'once the repository sync catches up.';

/** The deployments behind one key's numbers. */
export function deploymentsBehind(key: DoraKey, deployments: DoraDeployment[]): DoraDeployment[] {
  switch (key) {
    case 'frequency':
      return deployments;
    case 'lead-time':
      return deployments.filter((deployment) => deployment.changes > 0);
    case 'failure':
      return deployments.filter((deployment) => deployment.failed);
    case 'recovery':
      return deployments.filter((deployment) => deployment.recoveryHours !== null);
  }
}
