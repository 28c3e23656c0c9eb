import { keepPreviousData, type QueryKey, useInfiniteQuery } from '@tanstack/react-query';
import type { Page, PageQuery } from '../api.ts';
import { isForbidden } from './ErrorMessage.tsx';

/**
 * A cursor-paged list, 50 at a time, keeping the last results on screen while new ones load.
 * With `refetchInterval` (ms) it polls, until the server says the reader may not see it.
 */
export function usePagedQuery<Item>(
  queryKey: QueryKey,
  list: (page: PageQuery) => Promise<Page<Item>>,
  { refetchInterval }: { refetchInterval?: number } = {},
) {
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => list({ limit: 50, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    refetchInterval:
      refetchInterval === undefined
        ? undefined
        : (current) => (isForbidden(current.state.error) ? false : refetchInterval),
  });
  return { query, items: query.data?.pages.flatMap((page) => page.items) ?? [] };
}
