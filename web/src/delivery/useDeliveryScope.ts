import type { DoraQuery, Service, Team } from '../api.ts';
import { useAllTeams } from '../org/useOrgLookups.ts';
import { useAllServices } from './useAllServices.ts';
import type { DeliveryParams } from './useDeliveryParams.ts';

/** What the dashboard counts: one service, or every service of a team. */
export type DeliveryScope = {
  kind: 'service' | 'team';
  id: string;
  name: string;
  query: Pick<DoraQuery, 'service' | 'team'>;
  services: Service[];
};

/**
 * The scope the URL names (by id or name), or else the first service. Undefined while loading, when there are no
 * services, or when the URL names an unknown one.
 */
export function useDeliveryScope(params: DeliveryParams) {
  const services = useAllServices();
  const teams = useAllTeams();
  const all = services.data ?? [];
  let scope: DeliveryScope | undefined;
  if (params.team) {
    const team = teams.data?.find((one) => named(one, params.team));
    if (team) scope = teamScope(team, all);
  } else {
    const service = params.service ? all.find((one) => named(one, params.service)) : all[0];
    if (service) {
      scope = {
        kind: 'service',
        id: service.id,
        name: service.name,
        query: { service: service.id },
        services: [service],
      };
    }
  }
  return { scope, services, teams };
}

/** The URL may name a service or team by id or, as the API allows, by name. */
function named(item: { id: string; name: string }, idOrName: string | undefined): boolean {
  return item.id === idOrName || item.name.toLowerCase() === idOrName?.toLowerCase();
}

function teamScope(team: Team, all: Service[]): DeliveryScope {
  return {
    kind: 'team',
    id: team.id,
    name: team.name,
    query: { team: team.id },
    services: all.filter((service) => service.teamId === team.id),
  };
}
