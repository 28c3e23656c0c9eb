import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { listDueReviews, type ReviewItem } from '../api.ts';
import { Card } from '../components/Card.tsx';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { formatDate } from '../components/format-date.ts';
import { Loading } from '../components/Loading.tsx';
import { cadenceLabels } from './metric-terms.ts';

/** What the next review must look at: metrics due by their cadence, rule firings waiting. */
export function CatalogReviewItems({ teamId }: { teamId: string }) {
  const due = useQuery({
    queryKey: ['metrics', 'due', teamId],
    queryFn: () => listDueReviews({ team: teamId || undefined }),
  });
  const items = due.data?.items ?? [];
  return (
    <Card id="metrics-due" title="Due for review">
      <ErrorMessage error={due.error} />
      {due.isPending ? (
        <Loading label="Loading what is due" />
      ) : items.length === 0 ? (
        <p className="muted">
          Nothing is due: every metric was reviewed within its cadence and no rule firing waits.
        </p>
      ) : (
        <ul className="review-items">
          {items.map((item) => (
            <li key={item.metric}>
              <Link to={`/metrics/${encodeURIComponent(item.metric)}`}>{item.name}</Link>{' '}
              <code>{item.metric}</code>
              <span className="muted"> · {item.owner ?? 'No owner'}</span>
              <ul>
                {item.due && <li>{dueInWords(item)}</li>}
                {item.firings.map((firing) => (
                  <li key={firing.id}>
                    <span className="badge flag">Rule fired</span> for the period starting{' '}
                    {formatDate(firing.periodStart)}
                    {firing.clearedAt
                      ? `, back within since ${formatDate(firing.clearedAt)}`
                      : ', still firing'}
                    : waiting for a review
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function dueInWords(item: ReviewItem): string {
  const cadence = cadenceLabels[item.cadence].toLowerCase();
  return item.lastReviewedAt
    ? `Review due (${cadence}): last reviewed ${formatDate(item.lastReviewedAt)}`
    : `Review due (${cadence}): never reviewed`;
}
