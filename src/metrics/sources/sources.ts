import { recordAudit } from '../../audit/queries.ts';
import { type Executor, queryOne } from '../../db/db.ts';
import type { Actor, Role } from '../../shared/access.ts';
import { CairnError, fieldError, NotAllowedError, NotFoundError } from '../../shared/errors.ts';
import type { SecretBox } from '../../shared/secret-box.ts';
import { getBuiltinComputation, resolveBuiltinScope } from '../builtin/registry.ts';
import { getMetric } from '../metrics.ts';
import type { MetricSource, SourceInput } from '../source-schema.ts';

/** The host, port and database a connection URL points at, without its credentials. */
export function describeConnection(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''}${parsed.pathname}`;
  } catch {
    return 'an unreadable connection URL';
  }
}

/** Who connects a source, and with which key its secret is sealed. */
export type Connector = { secrets: SecretBox; actor: Actor; role: Role };

type SourceRow = MetricSource & { secret: string | null };

const sourceColumns = `s.kind, s.config, s.secret, s.every_minutes as "everyMinutes", s.lookback,
  s.status, s.last_error as "lastError", s.last_run_at as "lastRunAt",
  s.last_success_at as "lastSuccessAt", s.next_run_at as "nextRunAt"`;

function shown({ secret, ...source }: SourceRow, secrets: SecretBox): MetricSource {
  let connection: string | null = null;
  if (secret) {
    try {
      connection = describeConnection(secrets.open(secret));
    } catch {
      connection = 'sealed with another secret key';
    }
  }
  return { ...source, connection };
}

export async function findSource(
  db: Executor,
  secrets: SecretBox,
  metricId: string,
): Promise<MetricSource | undefined> {
  const row = await queryOne<SourceRow>(
    db,
    `select ${sourceColumns} from metric_sources s where s.metric_id = $1`,
    [metricId],
  );
  return row && shown(row, secrets);
}

export async function getSource(db: Executor, secrets: SecretBox, key: string) {
  const metric = await getMetric(db, key);
  const source = await findSource(db, secrets, metric.id);
  if (!source) {
    throw new NotFoundError(
      `metric '${key}' has no computed source: its datapoints are ${metric.source === 'csv' ? 'imported' : 'pushed'}`,
    );
  }
  return source;
}

/** The stored config: what the user gave, minus the schedule and the secret. */
async function configOf(db: Executor, input: SourceInput) {
  const { kind, everyMinutes: _every, lookback: _lookback, ...config } = input;
  if (kind === 'builtin') {
    const computation = getBuiltinComputation(input.computation);
    await resolveBuiltinScope(db, computation, input).catch((error: unknown) => {
      const field = (['service', 'team', 'repository'] as const).find((name) => input[name]);
      if (error instanceof NotFoundError && field) throw fieldError(field, error.message);
      throw error;
    });
  }
  if ('connectionUrl' in config) delete config.connectionUrl;
  return config;
}

/**
 * Connects (or reconnects) a metric to a source Cairn computes: stores its config, seals a new
 * connection URL, and makes it due at once. Changing a SQL query may keep the stored URL.
 */
export async function setSource(
  db: Executor,
  { secrets, actor, role }: Connector,
  key: string,
  input: SourceInput,
): Promise<MetricSource> {
  if (input.kind === 'sql' && role !== 'admin') {
    throw new NotAllowedError(
      'only admins may connect a SQL source: Cairn connects to the database it names, with the credentials given',
    );
  }
  return db.transaction(async (tx) => {
    const metric = await getMetric(tx, key);
    const before = await queryOne<{
      kind: string;
      secret: string | null;
      config: unknown;
      everyMinutes: number;
      lookback: number;
    }>(
      tx,
      `select kind, secret, config, every_minutes as "everyMinutes", lookback
       from metric_sources where metric_id = $1`,
      [metric.id],
    );
    let secret: string | null = null;
    if (input.kind === 'sql') {
      if (input.connectionUrl) secret = secrets.seal(input.connectionUrl);
      else if (before?.kind === 'sql') secret = before.secret;
      else throw fieldError('connectionUrl', 'connectionUrl is required for a sql source');
    }
    const config = await configOf(tx, input);
    const unchanged =
      before?.kind === input.kind &&
      secret === before.secret &&
      sameConfig(before.config, config) &&
      before.everyMinutes === input.everyMinutes &&
      before.lookback === input.lookback;
    // Saving a metric's form again must not make its source run again.
    if (unchanged) return (await findSource(tx, secrets, metric.id)) as MetricSource;
    await tx.query(
      `insert into metric_sources (metric_id, kind, config, secret, every_minutes, lookback)
       values ($1, $2, $3, $4, $5, $6)
       on conflict (metric_id) do update set kind = excluded.kind, config = excluded.config,
         secret = excluded.secret, every_minutes = excluded.every_minutes,
         lookback = excluded.lookback, status = 'pending', last_error = null, next_run_at = now()`,
      [metric.id, input.kind, JSON.stringify(config), secret, input.everyMinutes, input.lookback],
    );
    await tx.query('update metrics set source = $2, updated_at = now() where id = $1', [
      metric.id,
      input.kind,
    ]);
    const after = (await findSource(tx, secrets, metric.id)) as MetricSource;
    // The config and where it connects; never the sealed URL.
    await recordAudit(tx, actor, {
      action: 'metric.source',
      entityType: 'metric',
      entityId: metric.id,
      after,
    });
    return after;
  });
}

/** A source's problems, named where a metric's body holds them: under `sourceConfig.`. */
export function underSourceConfig(error: unknown): unknown {
  if (!(error instanceof CairnError) || !Array.isArray(error.details)) return error;
  const details = (error.details as { path: string; message: string }[]).map((detail) => ({
    ...detail,
    path: `sourceConfig.${detail.path}`,
  }));
  const Same = error.constructor as new (message: string, details: unknown) => CairnError;
  return new Same(error.message, details);
}

/** Configs are flat objects; jsonb gives keys back in its own order. */
function sameConfig(stored: unknown, given: Record<string, unknown>): boolean {
  const sorted = (value: object) =>
    JSON.stringify(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)));
  return (
    typeof stored === 'object' &&
    stored !== null &&
    sorted(stored) === sorted(JSON.parse(JSON.stringify(given)))
  );
}
