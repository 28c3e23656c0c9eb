import { useQuery } from '@tanstack/react-query';
import { listWebhookDeliveries } from '../api.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { formatDateTime } from '../components/format-date.ts';
import { Loading } from '../components/Loading.tsx';

/** What a webhook received lately and what Cairn made of each delivery. */
export function WebhookDeliveries({ webhookId }: { webhookId: string }) {
  const deliveries = useQuery({
    queryKey: ['webhooks', 'deliveries', webhookId],
    queryFn: () => listWebhookDeliveries(webhookId),
  });
  if (deliveries.isPending) return <Loading label="Loading deliveries" />;
  if (deliveries.isError) return <ErrorMessage error={deliveries.error} />;
  const items = deliveries.data.items;
  if (items.length === 0) return <p className="muted">Nothing received yet.</p>;
  return (
    <table className="compact">
      <caption className="visually-hidden">Recent deliveries</caption>
      <thead>
        <tr>
          <th scope="col">Received</th>
          <th scope="col">Event</th>
          <th scope="col">Outcome</th>
          <th scope="col">Detail</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.id}>
            <td className="nowrap">{formatDateTime(item.receivedAt)}</td>
            <td>
              {item.event}
              {item.deliveryId && <span className="cell-detail mono">{item.deliveryId}</span>}
            </td>
            <td>{item.outcome}</td>
            <td className="wrap-anywhere">{item.detail ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
