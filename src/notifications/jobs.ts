import { z } from 'zod';
import { defineJob } from '../db/queue.ts';
import { getSettings } from '../settings/settings.ts';
import { postChatJobName } from './notifications.ts';

/**
 * Posts a notification to the organisation's chat webhook, when one is set: `{ "text": … }`, the
 * body Slack, Mattermost, Rocket.Chat and Discord (with /slack) incoming webhooks take. A failed
 * post is retried by the queue.
 */
export const postChatJob = defineJob({
  name: postChatJobName,
  schema: z.object({ text: z.string(), link: z.string().nullable() }),
  handler: async (payload, context) => {
    const { chatWebhookUrl } = await getSettings(context.db);
    if (!chatWebhookUrl) return { posted: false };
    const response = await fetch(chatWebhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: payload.text }),
      signal: AbortSignal.any([context.signal, AbortSignal.timeout(10_000)]),
    });
    if (!response.ok) throw new Error(`the chat webhook answered ${response.status}`);
    return { posted: true };
  },
});
