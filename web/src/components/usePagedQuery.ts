import { keepPreviousData, type QueryKey, useInfiniteQuery } from '@tanstack/react-query';
import type { Page, PageQuery } from '../api.ts';
import { isForbidden } from './ErrorMessage.tsx';

/**
 * A cursor-paged list, 50 at a time, keeping the last results on screen while new ones load.
 * With `refetchInterval` (ms) it polls, until the server says the reader may not see it; as a
 * function of the items loaded, it polls only while that returns a number.
 */
export function usePagedQuery<Item>(
  queryKey: QueryKey,
  list: (page: PageQuery) => Promise<Page<Item>>,
  { refetchInterval }: { refetchInterval?: number | ((items: Item[]) => number | false) } = {},
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
        : (current) => {
            if (isForbidden(current.state.error)) return false;
            if (typeof refetchInterval === 'number') return refetchInterval;
            return refetchInterval(current.state.data?.pages.flatMap((page) => page.items) ?? []);
          },
  });
  return { query, items: query.data?.pages.flatMap((page) => page.items) ?? [] };
}
