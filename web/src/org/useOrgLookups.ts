import { useQuery } from '@tanstack/react-query';
import { listAll, listPeople, listTeams, type Person, type Team } from '../api.ts';

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

/**
 * Items minus `rootId` and everything below it, following `parentOf` links (a team's parentId, a
 * person's managerId): what a "Part of" or "Manager" picker may offer without making a cycle.
 */
export function withoutSubtree<Item extends { id: string }>(
  items: Item[],
  rootId: string | undefined,
  parentOf: (item: Item) => string | null,
): Item[] {
  if (!rootId) return items;
  const below = new Set([rootId]);
  let grown = true;
  while (grown) {
    grown = false;
    for (const item of items) {
      const parent = parentOf(item);
      if (parent && below.has(parent) && !below.has(item.id)) {
        below.add(item.id);
        grown = true;
      }
    }
  }
  return items.filter((item) => !below.has(item.id));
}

/** Picker labels for people: a name shared with someone else gets their first email or team. */
export function personLabels(people: Person[], teams: Team[]): Map<string, string> {
  const teamsById = indexById(teams);
  const counts = new Map<string, number>();
  for (const person of people) counts.set(person.name, (counts.get(person.name) ?? 0) + 1);
  return new Map(
    people.map((person) => {
      if ((counts.get(person.name) ?? 0) < 2) return [person.id, person.name];
      const team = person.teamId ? teamsById.get(person.teamId)?.name : undefined;
      const detail = person.emails[0] ?? team ?? `no email, ${person.id.slice(0, 8)}`;
      return [person.id, `${person.name} (${detail})`];
    }),
  );
}
