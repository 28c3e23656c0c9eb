import { useState } from 'react';
import type { Webhook } from '../api.ts';
import { ConfirmButton } from '../components/ConfirmButton.tsx';
import { CopyButton } from '../components/CopyButton.tsx';
import { RelativeTime } from '../components/RelativeTime.tsx';
import { WebhookDeliveries } from './WebhookDeliveries.tsx';
import { WebhookSecretForm } from './WebhookSecretForm.tsx';
import { absoluteUrl, webhookVendors } from './webhook-vendors.ts';

type Panel = 'deliveries' | 'secret' | null;

/** One webhook: where it receives, how its deliveries went, its recent deliveries, delete. */
export function WebhookRow({
  webhook,
  deleting,
  onDelete,
}: {
  webhook: Webhook;
  deleting: boolean;
  onDelete: () => void;
}) {
  const [panel, setPanel] = useState<Panel>(null);
  const [secretSaved, setSecretSaved] = useState(false);
  const vendor = webhookVendors[webhook.vendor];
  const url = absoluteUrl(webhook.url);
  const workflows = webhook.options.deployWorkflows ?? [];
  const outcomes = Object.entries(webhook.recentOutcomes)
    .map(([outcome, count]) => `${count} ${outcome}`)
    .join(' · ');
  const panelId = `webhook-${webhook.id}-panel`;
  const toggle = (next: Panel) => {
    setSecretSaved(false);
    setPanel(panel === next ? null : next);
  };
  return (
    <>
      <tr>
        <td>
          {vendor.name}
          <span className="cell-detail">
            {vendor.reports}
            {workflows.length > 0 && ` · deploys: ${workflows.join(', ')}`}
            {webhook.options.releasesAreDeployments && ' · releases are deployments'}
          </span>
        </td>
        <td>
          <code className="wrap-anywhere">{url}</code>
          <span className="cell-detail">
            <CopyButton text={url} label="Copy URL" />
          </span>
        </td>
        <td>
          <RelativeTime value={webhook.lastDeliveryAt} />
          {outcomes && <span className="cell-detail">last 100: {outcomes}</span>}
        </td>
        <td className="actions">
          <span className="row-actions">
            <button
              type="button"
              className="button button-small"
              aria-expanded={panel === 'deliveries'}
              aria-controls={panelId}
              onClick={() => toggle('deliveries')}
            >
              Recent deliveries
            </button>
            <button
              type="button"
              className="button button-small"
              aria-expanded={panel === 'secret'}
              aria-controls={panelId}
              onClick={() => toggle('secret')}
            >
              Replace secret
            </button>
            <span role="status" className="copy-status">
              {secretSaved && 'Saved the new secret.'}
            </span>
            <ConfirmButton
              label="Delete"
              question={`Delete this ${vendor.name} webhook and its delivery log?`}
              busy={deleting}
              onConfirm={onDelete}
            />
          </span>
        </td>
      </tr>
      {panel && (
        <tr className="detail-row" id={panelId}>
          <td colSpan={4}>
            {panel === 'deliveries' ? (
              <WebhookDeliveries webhookId={webhook.id} />
            ) : (
              <WebhookSecretForm
                webhook={webhook}
                onDone={(saved) => {
                  setSecretSaved(saved);
                  setPanel(null);
                }}
              />
            )}
          </td>
        </tr>
      )}
    </>
  );
}
