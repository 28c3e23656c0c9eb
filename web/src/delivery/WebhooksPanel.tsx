import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createWebhook, deleteWebhook, listWebhooks, type Service } from '../api.ts';
import { Card } from '../components/Card.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Loading } from '../components/Loading.tsx';
import { useCreateMutation } from '../components/useCreateMutation.ts';
import { NewWebhookSecret } from './NewWebhookSecret.tsx';
import { WebhookForm } from './WebhookForm.tsx';
import { WebhookRow } from './WebhookRow.tsx';

/** Webhooks that push this service's deployments, pull requests and incidents (admins, leaders). */
export function WebhooksPanel({ service }: { service: Service }) {
  const queryClient = useQueryClient();
  const webhooks = useQuery({
    queryKey: ['webhooks', 'service', service.id],
    queryFn: () => listWebhooks({ service: service.id, limit: 100 }),
  });
  const create = useCreateMutation(createWebhook, [['webhooks']]);
  const removal = useMutation({
    mutationFn: deleteWebhook,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['webhooks'] }),
  });
  const items = webhooks.data?.items ?? [];

  return (
    <section aria-labelledby="webhooks-title">
      <h2 id="webhooks-title" className="section-title">
        Webhooks
      </h2>
      <p className="muted">
        GitHub and GitLab report deployments and pull requests, PagerDuty reports incidents. Cairn
        checks each delivery’s signature with the webhook’s secret.
      </p>
      {create.created && <NewWebhookSecret webhook={create.created} onDismiss={create.dismiss} />}
      <div className="split">
        <div>
          <ErrorMessage error={webhooks.error ?? removal.error} />
          {webhooks.isPending ? (
            <Loading label="Loading webhooks" />
          ) : items.length === 0 ? (
            <EmptyState title={`No webhooks for ${service.name} yet.`}>
              <p>Add one with the form; the vendor then reports as things happen.</p>
            </EmptyState>
          ) : (
            <DataTable
              columns={['From', 'URL', 'Last delivery', { label: 'Actions', hidden: true }]}
            >
              {items.map((webhook) => (
                <WebhookRow
                  key={webhook.id}
                  webhook={webhook}
                  deleting={removal.isPending && removal.variables === webhook.id}
                  onDelete={() => removal.mutate(webhook.id)}
                />
              ))}
            </DataTable>
          )}
        </div>
        <Card id="new-webhook" title="Add a webhook">
          <WebhookForm
            serviceId={service.id}
            submitLabel="Add webhook"
            pendingLabel="Adding…"
            {...create.form}
          />
        </Card>
      </div>
    </section>
  );
}
