import type { Repository, Team } from '../api.ts';
import { useAllRepositories } from '../git/useRepositories.ts';
import { useAllTeams } from '../org/useOrgLookups.ts';
import type { HealthParams } from './useHealthParams.ts';

/** What the code-health queries cover: one repository or a team's repositories. */
export type HealthScope = {
  query: { repository: string } | { team: string };
  name: string;
  repositories: Repository[];
  /** Changes when a repository in scope finishes a sync: part of every query's key. */
  version: string;
};

/**
 * The scope the URL names, or else the first repository. Undefined while loading, and when there
 * is nothing to choose (no repositories) or the URL names an unknown one.
 */
export function useHealthScope(params: HealthParams) {
  const repositories = useAllRepositories();
  const teams = useAllTeams();
  const all = repositories.data ?? [];
  let scope: HealthScope | undefined;
  if (params.team) {
    const team = teams.data?.find((one) => one.id === params.team);
    if (team) scope = teamScope(team, all);
  } else {
    const repository = params.repository ? all.find((one) => one.id === params.repository) : all[0];
    if (repository) scope = repositoryScope(repository);
  }
  return { scope, repositories, teams };
}

function repositoryScope(repository: Repository): HealthScope {
  return {
    query: { repository: repository.id },
    name: repository.name,
    repositories: [repository],
    version: versionOf([repository]),
  };
}

function teamScope(team: Team, all: Repository[]): HealthScope {
  const repositories = all.filter((repository) => repository.teamId === team.id);
  return {
    query: { team: team.id },
    name: team.name,
    repositories,
    version: versionOf(repositories),
  };
}

function versionOf(repositories: Repository[]): string {
  return repositories.map((repository) => `${repository.id}@${repository.syncedSha}`).join(',');
}
