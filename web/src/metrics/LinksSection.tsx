import { useQuery } from '@tanstack/react-query';
import type { Metric } from '../api.ts';
import { ConfirmButton } from '../components/ConfirmButton.tsx';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Loading } from '../components/Loading.tsx';
import { type AddLinkInput, addLink, deleteLink, listLinks } from './decision-api.ts';
import { linkKindLabels } from './decision-terms.ts';
import { LinkForm } from './LinkForm.tsx';
import { useMetricWrite } from './useMetricWrite.ts';

/** What the metric serves: outcomes, objectives, guardrails and scenarios, added and removed. */
export function LinksSection({ metric, mayDecide }: { metric: Metric; mayDecide: boolean }) {
  const links = useQuery({
    queryKey: ['metrics', 'links', metric.key],
    queryFn: () => listLinks(metric.key),
  });
  const add = useMetricWrite(({ input, form }: { input: AddLinkInput; form: HTMLFormElement }) =>
    addLink(metric.key, input).then((link) => {
      form.reset();
      return link;
    }),
  );
  const remove = useMetricWrite((id: string) => deleteLink(metric.key, id));
  const items = links.data?.items ?? [];
  return (
    <section aria-labelledby="metric-links-title">
      <h2 id="metric-links-title">Links</h2>
      <p className="muted">The outcomes, objectives, guardrails and scenarios it serves.</p>
      <ErrorMessage error={links.error ?? remove.error} />
      {links.isPending ? (
        <Loading label="Loading links" />
      ) : items.length === 0 ? (
        <p className="muted">Not linked to an outcome, objective, guardrail or scenario yet.</p>
      ) : (
        <ul className="metric-links">
          {items.map((link) => (
            <li key={link.id} className="metric-link">
              <span className="badge badge-start badge-muted">{linkKindLabels[link.kind]}</span>{' '}
              {link.url ? (
                <a href={link.url} target="_blank" rel="noreferrer">
                  {link.title}
                </a>
              ) : (
                link.title
              )}
              {mayDecide && (
                <ConfirmButton
                  label={`Remove link ${link.title}`}
                  question={`Remove the link to ${link.title}?`}
                  confirmLabel="Remove"
                  busy={remove.isPending && remove.variables === link.id}
                  onConfirm={() => remove.mutate(link.id)}
                />
              )}
            </li>
          ))}
        </ul>
      )}
      {mayDecide && (
        <div className="card narrow">
          <h3>Add a link</h3>
          <p role="status" className="success">
            {add.isSuccess && `Linked ${add.data.title}.`}
          </p>
          <LinkForm
            submitLabel="Add link"
            pendingLabel="Adding…"
            pending={add.isPending}
            error={add.error}
            onSubmit={(input, form) => add.mutate({ input, form })}
          />
        </div>
      )}
    </section>
  );
}
