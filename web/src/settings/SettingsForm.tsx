import type { Settings, UpdateSettings } from '../api.ts';
import { Field } from '../components/Field.tsx';
import { formText } from '../components/form-data.ts';
import { SubmitForm, type SubmitFormProps } from '../components/SubmitForm.tsx';

/** The attention budget, the chat webhook and email, starting from the settings as they are. */
export function SettingsForm({
  settings,
  ...form
}: { settings: Settings } & SubmitFormProps<UpdateSettings>) {
  return (
    <SubmitForm read={readSettings} {...form}>
      <Field
        id="settings-attention-budget"
        label="Attention budget"
        hint="The most active metrics a team should watch (1 to 100). The catalog warns about teams over it."
      >
        <input
          id="settings-attention-budget"
          name="attentionBudget"
          type="number"
          min={1}
          max={100}
          step={1}
          required
          defaultValue={settings.attentionBudget}
          aria-describedby="settings-attention-budget-hint"
        />
      </Field>
      <Field
        id="settings-chat-webhook"
        label="Chat webhook URL"
        hint="Every notification is also posted here: an incoming webhook of Slack, Mattermost, Rocket.Chat or Discord (its /slack address). Leave it empty for none."
      >
        <input
          id="settings-chat-webhook"
          name="chatWebhookUrl"
          type="url"
          autoComplete="off"
          spellCheck={false}
          placeholder="https://hooks.slack.com/services/…"
          defaultValue={settings.chatWebhookUrl ?? ''}
          aria-describedby="settings-chat-webhook-hint"
        />
      </Field>
      <label className="checkbox">
        <input
          type="checkbox"
          name="emailNotifications"
          defaultChecked={settings.emailNotifications}
          aria-describedby="settings-email-hint"
        />
        Also email each notification to the people it is for
      </label>
      <p id="settings-email-hint" className="hint">
        Sent by the workers through the SMTP server in their CAIRN_SMTP_URL; a worker without one
        marks the email job as failed in Jobs.
      </p>
    </SubmitForm>
  );
}

function readSettings(form: FormData): UpdateSettings {
  return {
    attentionBudget: Number(formText(form, 'attentionBudget')),
    chatWebhookUrl: formText(form, 'chatWebhookUrl') || null,
    emailNotifications: form.get('emailNotifications') === 'on',
  };
}
