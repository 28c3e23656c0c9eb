import { resolve } from 'node:path';
import { z } from 'zod';

const configSchema = z.object({
  port: z
    .string()
    .regex(/^\s*\d+\s*$/, 'PORT must be a whole number from 0 (any free port) to 65535')
    .transform(Number)
    .pipe(
      z
        .number({ error: 'PORT must be a whole number from 0 (any free port) to 65535' })
        .int('PORT must be a whole number from 0 (any free port) to 65535')
        .min(0, 'PORT must be a whole number from 0 (any free port) to 65535')
        .max(65535, 'PORT must be a whole number from 0 (any free port) to 65535'),
    ),
  host: z.string().min(1, 'HOST must not be empty'),
  dataDir: z.string().min(1, 'CAIRN_DATA_DIR must not be empty'),
  databaseUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
    .optional(),
  workers: z.coerce
    .number({ error: 'CAIRN_WORKERS must be a number' })
    .int('CAIRN_WORKERS must be a whole number')
    .min(0, 'CAIRN_WORKERS must be 0 or more'),
  bodyLimitBytes: z.coerce
    .number({ error: 'CAIRN_BODY_LIMIT must be a number of bytes' })
    .int('CAIRN_BODY_LIMIT must be a whole number of bytes')
    .positive('CAIRN_BODY_LIMIT must be positive'),
  trustProxy: z
    .enum(['true', 'false'], { error: 'CAIRN_TRUST_PROXY must be true or false' })
    .transform((value) => value === 'true'),
  secureCookies: z.enum(['auto', 'true', 'false'], {
    error: 'CAIRN_SECURE_COOKIES must be auto, true or false',
  }),
  /** A Cairn server the CLI talks to over its API (CI machines): docs/adr/0010. */
  remoteUrl: z
    .url({
      protocol: /^https?$/,
      error:
        'CAIRN_URL must be the http(s) address of a Cairn server, e.g. https://cairn.example.com',
    })
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
  remoteToken: z.string().min(1).optional(),
  /** Where notifications are also emailed from: smtp:// or smtps:// (docs/metrics.md). */
  smtpUrl: z
    .string()
    .regex(/^smtps?:\/\/\S+$/, 'CAIRN_SMTP_URL must be an smtp:// or smtps:// URL')
    .optional(),
  mailFrom: z.string().min(3, 'CAIRN_MAIL_FROM must be an address, e.g. Cairn <cairn@example.com>'),
  /** The address people reach Cairn at, for links in emails and chat messages. */
  publicUrl: z
    .url({ protocol: /^https?$/, error: 'CAIRN_PUBLIC_URL must be an http(s) URL' })
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
  /** Seals stored secrets; else the data directory's secret.key (docs/adr/0011). */
  secretKey: z.string().min(1).optional(),
});

export type Config = Readonly<z.infer<typeof configSchema>>;

export type ConfigOverrides = Partial<Record<keyof Config, string | number | undefined>>;

/** Environment (and flags, as overrides) → validated, frozen Config. Throws one clear line. */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: ConfigOverrides = {},
): Config {
  const raw = {
    port: env.PORT || '4321',
    host: env.HOST || '127.0.0.1',
    dataDir: resolve(env.CAIRN_DATA_DIR || '.cairn'),
    databaseUrl: env.DATABASE_URL || undefined,
    workers: env.CAIRN_WORKERS || '1',
    bodyLimitBytes: env.CAIRN_BODY_LIMIT || String(1024 * 1024),
    secureCookies: env.CAIRN_SECURE_COOKIES || 'auto',
    trustProxy: env.CAIRN_TRUST_PROXY || 'false',
    remoteUrl: env.CAIRN_URL || undefined,
    remoteToken: env.CAIRN_TOKEN || undefined,
    secretKey: env.CAIRN_SECRET_KEY || undefined,
    smtpUrl: env.CAIRN_SMTP_URL || undefined,
    mailFrom: env.CAIRN_MAIL_FROM || 'Cairn <cairn@localhost>',
    publicUrl: env.CAIRN_PUBLIC_URL || undefined,
    ...Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined)),
  };
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`invalid configuration: ${issue?.message ?? 'unknown problem'}`);
  }
  return Object.freeze(parsed.data);
}

export class ConfigError extends Error {}
