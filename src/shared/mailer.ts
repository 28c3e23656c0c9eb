import { createTransport } from 'nodemailer';

export type Mail = { to: string; subject: string; text: string };

/** Sends email. One per process, made from CAIRN_SMTP_URL; absent when no SMTP server is set. */
export type Mailer = { send(mail: Mail): Promise<void> };

/**
 * An SMTP mailer: `smtp://user:pass@host:587` (STARTTLS when the server offers it) or
 * `smtps://…:465`, sending as `from`.
 */
export function createMailer(smtpUrl: string, from: string): Mailer {
  const transport = createTransport(smtpUrl);
  return {
    async send(mail) {
      await transport.sendMail({ from, ...mail });
    },
  };
}
