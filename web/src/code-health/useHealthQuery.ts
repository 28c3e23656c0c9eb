import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { HealthScope } from './useHealthScope.ts';

/**
 * One code-health report for the scope and window. The scope's sync state is part of the key, so
 * a finished sync fetches again; the last report stays on screen while the next one loads.
 */
export function useHealthQuery<Result>(
  report: string,
  scope: HealthScope,
  options: Record<string, unknown>,
  fetch: () => Promise<Result>,
) {
  return useQuery({
    queryKey: ['code-health', report, scope.query, options, scope.version],
    queryFn: fetch,
    placeholderData: keepPreviousData,
  });
}
