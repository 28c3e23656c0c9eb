import { z } from '@hono/zod-openapi';

export const settingsSchema = z
  .object({
    attentionBudget: z
      .number()
      .int()
      .openapi({ description: 'The most active metrics a team should watch (default 12)' }),
    chatWebhookUrl: z
      .string()
      .nullable()
      .openapi({ description: 'Where notifications are also posted (Slack, Mattermost…)' }),
    emailNotifications: z.boolean().openapi({
      description: 'Also email each notification to its people (workers need CAIRN_SMTP_URL)',
    }),
  })
  .openapi('Settings');
export type Settings = z.infer<typeof settingsSchema>;

export const updateSettingsSchema = z
  .strictObject({
    attentionBudget: z
      .number({ message: 'attentionBudget must be a number' })
      .int('attentionBudget must be a whole number')
      .min(1, 'attentionBudget must be at least 1')
      .max(100, 'attentionBudget is at most 100'),
    chatWebhookUrl: z
      .url({
        protocol: /^https?$/,
        error: 'chatWebhookUrl must be an http(s) URL, e.g. https://hooks.slack.com/services/…',
      })
      .nullable(),
    emailNotifications: z.boolean({ message: 'emailNotifications must be true or false' }),
  })
  .partial()
  .openapi('UpdateSettings');
export type UpdateSettings = z.infer<typeof updateSettingsSchema>;

export const defaultSettings: Settings = {
  attentionBudget: 12,
  chatWebhookUrl: null,
  emailNotifications: false,
};
