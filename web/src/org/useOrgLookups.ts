import { useQuery } from '@tanstack/react-query';
import { listAll, listPeople, listTeams } from '../api.ts';

/** Every team, for pickers and for showing names instead of ids. */
export function useAllTeams() {
  return useQuery({ queryKey: ['teams', 'all'], queryFn: () => listAll(listTeams) });
}

/** Every person, for manager pickers and names. */
export function useAllPeople() {
  return useQuery({ queryKey: ['people', 'all'], queryFn: () => listAll(listPeople) });
}

export function indexById<Item extends { id: string }>(items: Item[] | undefined) {
  return new Map((items ?? []).map((item) => [item.id, item]));
}
