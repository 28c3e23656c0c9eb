import { useQuery } from '@tanstack/react-query';
import type { Metric } from '../api.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { formatDateTime } from '../components/format-date.ts';
import { Loading } from '../components/Loading.tsx';
import { listReviews, type RecordReview, recordReview } from './decision-api.ts';
import { reviewDecisionLabels } from './decision-terms.ts';
import { cadenceLabels } from './metric-terms.ts';
import { ReviewForm } from './ReviewForm.tsx';
import { useMetricWrite } from './useMetricWrite.ts';

/**
 * The metric's reviews, newest first, and (its owners, admins, leaders) recording the next one,
 * which takes up the firings waiting for it.
 */
export function ReviewsSection({ metric, mayDecide }: { metric: Metric; mayDecide: boolean }) {
  const reviews = useQuery({
    queryKey: ['metrics', 'reviews', metric.key],
    queryFn: () => listReviews(metric.key),
  });
  const record = useMetricWrite(({ input, form }: { input: RecordReview; form: HTMLFormElement }) =>
    recordReview(metric.key, input).then((review) => {
      form.reset();
      return review;
    }),
  );
  const items = reviews.data?.items ?? [];
  return (
    <section aria-labelledby="metric-reviews-title">
      <h2 id="metric-reviews-title">Reviews</h2>
      <p className="muted">
        {cadenceLabels[metric.cadence]} reviews;{' '}
        {metric.lastReviewedAt
          ? `last reviewed ${formatDateTime(metric.lastReviewedAt)}.`
          : 'not reviewed yet.'}
      </p>
      {mayDecide && (
        <div className="card narrow">
          <h3>Record a review</h3>
          <p role="status" className="success">
            {record.isSuccess && 'Recorded the review.'}
          </p>
          <ReviewForm
            submitLabel="Record review"
            pendingLabel="Recording…"
            pending={record.isPending}
            error={record.error}
            onSubmit={(input, form) => record.mutate({ input, form })}
          />
        </div>
      )}
      <ErrorMessage error={reviews.error} />
      {reviews.isPending ? (
        <Loading label="Loading reviews" />
      ) : items.length === 0 ? (
        <p className="muted">No reviews yet.</p>
      ) : (
        <ol className="metric-reviews">
          {items.map((review) => (
            <li key={review.id} className="metric-review">
              <p>
                <strong>{reviewDecisionLabels[review.decision]}</strong>{' '}
                <span className="muted">
                  by {review.reviewer ?? 'someone no longer here'},{' '}
                  {formatDateTime(review.reviewedAt)}
                </span>
              </p>
              <p className="metric-review-note">{review.note}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
