import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  type DoraQuery,
  getDora,
  getDoraDeployments,
  getDoraWeeks,
  getPullRequestStages,
} from '../api.ts';

/**
 * The four keys of a scope and window, their weekly trend, the deployments behind them and the
 * pull-request stages: four reads of one scope, all under the ['dora'] key.
 */
export function useDoraQueries(query: DoraQuery, enabled = true) {
  const options = { enabled, placeholderData: keepPreviousData };
  const key = [query.service, query.team, query.from, query.to];
  return {
    dora: useQuery({
      queryKey: ['dora', 'keys', ...key],
      queryFn: () => getDora(query),
      ...options,
    }),
    weeks: useQuery({
      queryKey: ['dora', 'weeks', ...key],
      queryFn: () => getDoraWeeks(query),
      ...options,
    }),
    deployments: useQuery({
      queryKey: ['dora', 'deployments', ...key],
      queryFn: () => getDoraDeployments(query),
      ...options,
    }),
    pullRequests: useQuery({
      queryKey: ['dora', 'pull-requests', ...key],
      queryFn: () => getPullRequestStages(query),
      ...options,
    }),
  };
}
