import { useQuery } from '@tanstack/react-query';
import { type Attention, getMetricAttention } from '../api.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';

type TeamAttention = Attention['teams'][number];

const metrics = (count: number) => `${count} active ${count === 1 ? 'metric' : 'metrics'}`;

/**
 * Active metrics against the attention budget: a banner for each team over it, and for the team
 * shown (when one is) its count against the budget.
 */
export function CatalogAttention({ teamId, teamName }: { teamId: string; teamName?: string }) {
  const attention = useQuery({ queryKey: ['metrics', 'attention'], queryFn: getMetricAttention });
  if (!attention.data) return <ErrorMessage error={attention.error} />;
  const { budget } = attention.data;
  const teams = attention.data.teams.filter((entry) => entry.teamId !== null);
  if (teamId) {
    const entry = teams.find((candidate) => candidate.teamId === teamId);
    if (entry?.over) return <OverBudget entry={entry} budget={budget} />;
    return (
      <p className="attention">
        {entry?.team ?? teamName ?? 'This team'} watches {metrics(entry?.active ?? 0)}, within its
        attention budget of {budget}.
      </p>
    );
  }
  const over = teams.filter((entry) => entry.over);
  if (over.length === 0) {
    return (
      <p className="attention">
        Every team watches at most {budget} active metrics, the attention budget.
      </p>
    );
  }
  return (
    <>
      {over.map((entry) => (
        <OverBudget key={entry.teamId} entry={entry} budget={budget} />
      ))}
    </>
  );
}

function OverBudget({ entry, budget }: { entry: TeamAttention; budget: number }) {
  return (
    <div className="callout attention-over">
      <p>
        <span aria-hidden="true">⚠ </span>
        <strong>
          {entry.team} watches {metrics(entry.active)} — over its attention budget of {budget}.
        </strong>
      </p>
      <p>Retire the metrics that inform no decision, or merge those that say the same.</p>
    </div>
  );
}
