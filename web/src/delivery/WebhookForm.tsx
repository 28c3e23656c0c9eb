import { useState } from 'react';
import type { CreateWebhook, WebhookOptions, WebhookVendor } from '../api.ts';
import { Field } from '../components/Field.tsx';
import { formText } from '../components/form-data.ts';
import { SubmitForm, type SubmitFormProps } from '../components/SubmitForm.tsx';
import { vendorIds, webhookVendors } from './webhook-vendors.ts';

/** Adds a webhook for one vendor; GitHub and GitLab may name what deploys. */
export function WebhookForm({
  serviceId,
  ...form
}: { serviceId: string } & SubmitFormProps<CreateWebhook>) {
  const [vendor, setVendor] = useState<WebhookVendor>('github');
  const workflowsHint = webhookVendors[vendor].workflowsHint;
  return (
    <SubmitForm read={(data) => readWebhook(serviceId, data)} {...form}>
      <Field id="new-webhook-vendor" label="From">
        <select
          id="new-webhook-vendor"
          name="vendor"
          value={vendor}
          onChange={(event) => setVendor(event.target.value as WebhookVendor)}
        >
          {vendorIds.map((id) => (
            <option key={id} value={id}>
              {webhookVendors[id].name}: {webhookVendors[id].reports}
            </option>
          ))}
        </select>
      </Field>
      {workflowsHint && (
        <Field
          id="new-webhook-workflows"
          label={
            vendor === 'github' ? 'Deploy workflows (optional)' : 'Deploy pipelines (optional)'
          }
          hint={workflowsHint}
        >
          <input
            id="new-webhook-workflows"
            name="options"
            autoComplete="off"
            aria-describedby="new-webhook-workflows-hint"
          />
        </Field>
      )}
      {vendor === 'github' && (
        <label className="checkbox">
          <input type="checkbox" name="releasesAreDeployments" />
          Published releases are production deployments
        </label>
      )}
    </SubmitForm>
  );
}

/** The workflow names are the field `options`: the API's problems with options show under it. */
function readWebhook(service: string, form: FormData): CreateWebhook {
  const vendor = formText(form, 'vendor') as WebhookVendor;
  const options: WebhookOptions = {};
  const workflows = formText(form, 'options')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  if (workflows.length > 0) options.deployWorkflows = workflows;
  if (form.get('releasesAreDeployments')) options.releasesAreDeployments = true;
  return { service, vendor, options };
}
