import { useMutation, useQueryClient } from '@tanstack/react-query';
import { updateWebhook, type Webhook } from '../api.ts';
import { Field } from '../components/Field.tsx';
import { formText } from '../components/form-data.ts';
import { SubmitForm } from '../components/SubmitForm.tsx';

/** Replaces a webhook's secret, e.g. with the signing secret PagerDuty generated. */
export function WebhookSecretForm({
  webhook,
  idPrefix = 'row',
  onDone,
}: {
  webhook: Webhook;
  /** Keeps ids apart when the form shows in two places. */
  idPrefix?: string;
  /** Called with true after saving, false on Cancel. */
  onDone: (saved: boolean) => void;
}) {
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (secret: string) => updateWebhook(webhook.id, { secret }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['webhooks'] });
      onDone(true);
    },
  });
  const id = `${idPrefix}-webhook-${webhook.id}-secret`;
  return (
    <SubmitForm
      read={(form) => formText(form, 'secret')}
      onSubmit={(secret) => save.mutate(secret)}
      submitLabel="Save secret"
      pending={save.isPending}
      error={save.error}
      onCancel={() => onDone(false)}
    >
      <Field
        id={id}
        label={webhook.vendor === 'pagerduty' ? 'PagerDuty signing secret' : 'New secret'}
        hint="At least 16 characters. Deliveries signed with the old one are refused from now on."
      >
        <input
          id={id}
          name="secret"
          type="password"
          required
          minLength={16}
          autoComplete="off"
          aria-describedby={`${id}-hint`}
        />
      </Field>
    </SubmitForm>
  );
}
