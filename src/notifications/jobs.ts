import { z } from 'zod';
import { queryOne } from '../db/db.ts';
import { defineJob, PermanentJobError } from '../db/queue.ts';
import { getSettings } from '../settings/settings.ts';
import { postChatJobName, sendEmailJobName } from './notifications.ts';

/** A link in the app, made absolute when the address people reach Cairn at is known. */
const linkFor = (link: string | null, publicUrl: string | undefined) =>
  link && publicUrl ? `${publicUrl}${link}` : link;

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
    const link = linkFor(payload.link, context.publicUrl);
    const response = await fetch(chatWebhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: link ? `${payload.text}\n${link}` : payload.text }),
      signal: AbortSignal.any([context.signal, AbortSignal.timeout(10_000)]),
    });
    if (!response.ok) throw new Error(`the chat webhook answered ${response.status}`);
    return { posted: true };
  },
});

/**
 * Emails a notification to one of its people (each gets a message of their own), at the address
 * they sign in with, else their first. A failed send is retried.
 */
export const sendEmailJob = defineJob({
  name: sendEmailJobName,
  schema: z.object({
    personId: z.uuid(),
    title: z.string(),
    body: z.string(),
    link: z.string().nullable(),
  }),
  handler: async (payload, context) => {
    const { mailer } = context;
    if (!mailer) {
      throw new PermanentJobError(
        'email notifications are on, but this worker has no SMTP server: set CAIRN_SMTP_URL',
      );
    }
    const recipient = await queryOne<{ email: string | null }>(
      context.db,
      `select coalesce(u.email, (select e.email from person_emails e where e.person_id = p.id
                                 order by e.position, e.email limit 1)) as email
       from people p left join users u on u.person_id = p.id
       where p.id = $1`,
      [payload.personId],
    );
    if (!recipient?.email) return { sent: false, why: 'the person has no email address' };
    const link = linkFor(payload.link, context.publicUrl);
    const text = [payload.body, link && `Open it in Cairn: ${link}`].filter(Boolean).join('\n\n');
    await mailer.send({ to: recipient.email, subject: payload.title, text });
    return { sent: true };
  },
});
