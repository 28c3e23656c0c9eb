import { useEffect, useRef } from 'react';
import type { CreatedWebhook } from '../api.ts';
import { CopyButton } from '../components/CopyButton.tsx';
import { WebhookSecretForm } from './WebhookSecretForm.tsx';
import { absoluteUrl, webhookVendors } from './webhook-vendors.ts';

/**
 * The new webhook's URL and secret (shown this once), with how to set it up at the vendor.
 * PagerDuty makes its own secret: for it, the form that takes PagerDuty's instead.
 */
export function NewWebhookSecret({
  webhook,
  onDismiss,
}: {
  webhook: CreatedWebhook;
  onDismiss: () => void;
}) {
  const titleRef = useRef<HTMLHeadingElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus each new secret
  useEffect(() => {
    titleRef.current?.focus();
  }, [webhook.id]);
  const vendor = webhookVendors[webhook.vendor];
  const url = absoluteUrl(webhook.url);
  const pagerduty = webhook.vendor === 'pagerduty';
  return (
    <section className="callout" aria-labelledby="created-webhook-title">
      <h3 id="created-webhook-title" tabIndex={-1} ref={titleRef}>
        {vendor.name} webhook added
      </h3>
      {!pagerduty && (
        <p>
          <strong>Copy the secret now: it will not be shown again.</strong> If you lose it, set a
          new one with “Replace secret” in the webhook’s row.
        </p>
      )}
      <p>{vendor.setup}</p>
      <div className="secret">
        <label htmlFor="created-webhook-url">URL</label>
        <input id="created-webhook-url" readOnly value={url} onFocus={selectAll} />
        <CopyButton text={url} label="Copy URL" />
      </div>
      {pagerduty ? (
        <WebhookSecretForm webhook={webhook} idPrefix="created" onDone={onDismiss} />
      ) : (
        <>
          <div className="secret">
            <label htmlFor="created-webhook-secret">Secret</label>
            <input
              id="created-webhook-secret"
              readOnly
              value={webhook.secret}
              onFocus={selectAll}
            />
            <CopyButton text={webhook.secret} label="Copy secret" />
          </div>
          <button type="button" className="button" onClick={onDismiss}>
            I have set it up
          </button>
        </>
      )}
    </section>
  );
}

const selectAll = (event: { currentTarget: HTMLInputElement }) => event.currentTarget.select();
