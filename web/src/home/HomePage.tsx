import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import {
  listDeployments,
  listPeople,
  listRepositories,
  listTeams,
  listTokens,
  type Page,
} from '../api.ts';
import { canEditOrg, useSession } from '../auth/useSession.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { PageHeader } from '../components/PageHeader.tsx';

/** Counts from one page of up to 200: "200+" beyond that. */
function countOf(page: Page<unknown> | undefined): string {
  if (!page) return '…';
  return page.nextCursor ? `${page.items.length}+` : String(page.items.length);
}

export function HomePage() {
  const { user } = useSession();
  const canEdit = canEditOrg(user.role);
  // viewers may only create read tokens: the token step is for those who can write
  const canWrite = user.role !== 'viewer';
  const teams = useQuery({
    queryKey: ['teams', 'count'],
    queryFn: () => listTeams({ limit: 200 }),
  });
  const people = useQuery({
    queryKey: ['people', 'count'],
    queryFn: () => listPeople({ limit: 200 }),
  });
  const tokens = useQuery({
    queryKey: ['tokens', 'count'],
    queryFn: () => listTokens({ limit: 200 }),
  });
  const repositories = useQuery({
    queryKey: ['repositories', 'count'],
    queryFn: () => listRepositories({ limit: 1 }),
  });
  const deployments = useQuery({
    queryKey: ['deployments', 'count'],
    queryFn: () => listDeployments({ limit: 1 }),
  });
  const hasTeams = (teams.data?.items.length ?? 0) > 0;
  const hasDeployments = (deployments.data?.items.length ?? 0) > 0;
  const hasRepositories = (repositories.data?.items.length ?? 0) > 0;
  // the first admin is a person already: people count as added once one has a team
  const hasPeople = (people.data?.items ?? []).some((person) => person.teamId !== null);
  const hasToken = (tokens.data?.items ?? []).some((token) => !token.revokedAt);

  return (
    <>
      <PageHeader
        title={`Welcome, ${user.name}`}
        description="Cairn makes engineering leadership a repeatable practice: outcomes, metrics tied to decisions, and the practices that move them."
      />
      <ErrorMessage error={teams.error ?? people.error} />
      <section aria-label="Your organisation" className="stats">
        <Link to="/teams" className="stat">
          <span className="stat-value">{countOf(teams.data)}</span>
          <span className="stat-label">Teams</span>
        </Link>
        <Link to="/people" className="stat">
          <span className="stat-value">{countOf(people.data)}</span>
          <span className="stat-label">People</span>
        </Link>
      </section>

      <section aria-labelledby="getting-started" className="card">
        <h2 id="getting-started">Getting started</h2>
        <p className="muted">
          {canWrite ? 'Five' : 'Four'} steps from an empty Cairn to metrics your teams can use.
        </p>
        <ol className="steps">
          <Step done={hasTeams} title="Create your teams">
            {canEdit ? (
              <>
                Start with the teams that ship software. <Link to="/teams">Add teams</Link>
              </>
            ) : (
              <>
                An admin or leader adds teams. <Link to="/teams">See teams</Link>
              </>
            )}
          </Step>
          <Step done={hasPeople} title="Add people to them">
            {canEdit ? (
              <>
                Give each person a team, a manager and the emails they commit with.{' '}
                <Link to="/people">Add people</Link>
              </>
            ) : (
              <>
                An admin or leader adds people. <Link to="/people">See people</Link>
              </>
            )}
          </Step>
          <Step done={hasRepositories} title="Connect a repository">
            {user.role === 'admin' ? (
              <>
                Cairn reads its git history for hotspots, ownership and contribution.{' '}
                <Link to="/repositories">Connect a repository</Link>
              </>
            ) : (
              <>
                An admin connects git repositories. <Link to="/repositories">See repositories</Link>
              </>
            )}
          </Step>
          <Step done={hasDeployments} title="Record deployments and incidents">
            {canEdit ? (
              <>
                Define the services you deploy, then record each deployment from CI, webhooks or git
                tags: Cairn computes the four DORA keys.{' '}
                <Link to="/services">Define a service</Link>
              </>
            ) : (
              <>
                Deployments come from CI, webhooks or git tags; incidents from the team.{' '}
                <Link to="/delivery">See delivery</Link>
              </>
            )}
          </Step>
          {canWrite && (
            <Step done={hasToken} title="Create an API token for scripts and CI">
              Scripts and CI pipelines call the Cairn API with a token.{' '}
              <Link to="/tokens">Create a token</Link>
            </Step>
          )}
        </ol>
      </section>
    </>
  );
}

function Step({ done, title, children }: { done: boolean; title: string; children: ReactNode }) {
  return (
    <li className={done ? 'step step-done' : 'step'}>
      <span className="step-marker" aria-hidden="true">
        {done ? '✓' : ''}
      </span>
      <div>
        <p className="step-title">
          {title}
          {done && <span className="visually-hidden"> (done)</span>}
        </p>
        <p className="step-body">{children}</p>
      </div>
    </li>
  );
}
