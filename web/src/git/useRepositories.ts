import { useQuery } from '@tanstack/react-query';
import { getRepository, listAll, listRepositories, type Repository } from '../api.ts';

/** While a sync runs its progress is polled this often; otherwise nothing polls. */
export const syncPollMs = 1000;

export function isSyncing(repositories: Repository[] | undefined): boolean {
  return (repositories ?? []).some((repository) => repository.syncJob !== null);
}

/** Every repository, for pickers and names; polls while one of them syncs. */
export function useAllRepositories() {
  return useQuery({
    queryKey: ['repositories', 'all'],
    queryFn: () => listAll(listRepositories),
    refetchInterval: (query) => (isSyncing(query.state.data) ? syncPollMs : false),
  });
}

/** One repository; polls while it syncs. */
export function useRepository(id: string) {
  return useQuery({
    queryKey: ['repositories', 'one', id],
    queryFn: () => getRepository(id),
    refetchInterval: (query) => (query.state.data?.syncJob ? syncPollMs : false),
  });
}
