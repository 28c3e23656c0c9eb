import pg from 'pg';
import { periodStart } from '../../shared/periods.ts';
import { SecretKeyError } from '../../shared/secret-box.ts';
import {
  errorReason,
  SourceError,
  type SourceRun,
  type SourceRunner,
  type SourceValue,
} from './source.ts';

type SqlConfig = { query: string; timeoutSeconds: number; rowLimit: number };
type Row = Record<string, string | null>;

/**
 * Runs a metric's SQL on the team's own PostgreSQL. The query selects the periods [{{from}},
 * {{to}}) (bound as timestamptz parameters, in a UTC session) and returns a `period` and a `value`
 * column; any other column is a dimension. It runs in a read-only transaction, within its timeout
 * and row limit. What the source's owner must fix (an unreachable server, a failing query, rows of
 * the wrong shape) is a SourceError, whose message never holds the password. When `run.signal`
 * aborts, the connection is closed and the signal's reason thrown.
 */
export const runSqlSource: SourceRunner = async (run) => {
  run.signal?.throwIfAborted();
  const config = readConfig(run.config);
  const client = createClient(openConnectionUrl(run), config.timeoutSeconds);
  client.on('error', () => {}); // a lost connection also fails the query in flight
  try {
    const rows = await untilAborted(queryRows(client, config, run), run.signal);
    return readValues(rows, config.rowLimit, run);
  } finally {
    const ended = client.end().catch(() => {});
    if (!run.signal?.aborted) await ended;
  }
};

function readConfig(config: Record<string, unknown>): SqlConfig {
  const { query, timeoutSeconds = 30, rowLimit = 10_000 } = config as Partial<SqlConfig>;
  return { query: query ?? '', timeoutSeconds, rowLimit };
}

function openConnectionUrl(run: SourceRun): string {
  if (!run.secret) throw new SourceError('no connection URL is stored for this source');
  try {
    return run.secrets.open(run.secret);
  } catch (error) {
    if (error instanceof SecretKeyError) throw new SourceError(error.message);
    throw new SourceError(`the stored connection URL cannot be read: ${errorReason(error)}`);
  }
}

function createClient(connectionString: string, timeoutSeconds: number): pg.Client {
  try {
    return new pg.Client({
      connectionString,
      connectionTimeoutMillis: timeoutSeconds * 1000,
      // The server's statement_timeout answers first; this covers a server that stops answering.
      query_timeout: (timeoutSeconds + 10) * 1000,
      application_name: 'cairn-metric-source',
      types: { getTypeParser: () => keepText },
    });
  } catch (error) {
    throw new SourceError(`the stored connection URL is not valid: ${errorReason(error)}`);
  }
}

/** Every value as PostgreSQL prints it: periods and numbers are read here, exactly. */
const keepText = (value: string) => value;

async function queryRows(client: pg.Client, config: SqlConfig, run: SourceRun) {
  try {
    await client.connect();
  } catch (error) {
    const where = `${client.host}:${client.port}/${client.database ?? ''}`;
    throw new SourceError(`cannot connect to the database at ${where}: ${errorReason(error)}`);
  }
  try {
    await client.query('begin transaction read only');
    await client.query(
      "select set_config('statement_timeout', $1, true), set_config('TimeZone', 'UTC', true)",
      [String(config.timeoutSeconds * 1000)],
    );
    // $1 and $2 are named outside the query too: typed even if it mentions one only in a comment.
    const query = config.query.trim().replace(/[\s;]+$/, '');
    return await client.query<Row>(
      `select * from (\n${bindPeriods(query)}\n) as cairn_source
       where $1::timestamptz < $2::timestamptz limit $3`,
      [run.from.toISOString(), run.to.toISOString(), config.rowLimit + 1],
    );
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === '57014' || errorReason(error) === 'Query read timeout') {
      throw new SourceError(`the query timed out after ${config.timeoutSeconds} s`);
    }
    throw new SourceError(`the query failed: ${errorReason(error)}`);
  }
}

/** {{from}} and {{to}}, bare or quoted, become the parameters $1 and $2. */
function bindPeriods(query: string): string {
  return query
    .replace(/'\{\{from\}\}'|\{\{from\}\}/g, '$1::timestamptz')
    .replace(/'\{\{to\}\}'|\{\{to\}\}/g, '$2::timestamptz');
}

function readValues(result: pg.QueryResult<Row>, rowLimit: number, run: SourceRun) {
  if (result.rows.length > rowLimit) {
    throw new SourceError(
      `the query returned more than ${rowLimit} rows: aggregate it to one row per period`,
    );
  }
  const columns = result.fields.map((field) => field.name);
  if (!columns.includes('period') || !columns.includes('value')) {
    const returned = columns.join(', ') || 'no columns';
    throw new SourceError(
      `the query must return columns period and value; it returned ${returned}`,
    );
  }
  const twice = columns.find((column, index) => columns.indexOf(column) !== index);
  if (twice) throw new SourceError(`the query returned the column ${twice} twice`);
  const dimensions = columns.filter((column) => column !== 'period' && column !== 'value');
  const seen = new Set<string>();
  return result.rows.map((row, index): SourceValue => {
    const fail = (problem: string) => new SourceError(`row ${index + 1}: ${problem}`);
    const at = periodStart(readPeriod(row.period, run, fail), run.metric.period).toISOString();
    const value = readNumber(row.value, fail);
    const slice = readDimensions(row, dimensions, fail);
    const key = JSON.stringify([at, slice]);
    const named = Object.entries(slice ?? {}).map(([name, text]) => `${name} '${text}'`);
    const of = named.length > 0 ? ` with ${named.join(', ')}` : '';
    if (seen.has(key)) throw fail(`a second value for the period starting ${at}${of}`);
    seen.add(key);
    return slice ? { at, value, dimensions: slice } : { at, value };
  });
}

type Fail = (problem: string) => SourceError;

/** A date or timestamp inside [from, to). */
function readPeriod(text: string | null | undefined, run: SourceRun, fail: Fail): Date {
  if (text == null) throw fail('period is null');
  const period = parseTimestamp(text);
  if (!period) throw fail(`period '${text}' is not a date or timestamp`);
  if (period < run.from || period >= run.to) {
    const asked = `[${run.from.toISOString()}, ${run.to.toISOString()})`;
    throw fail(`period ${period.toISOString()} is outside the periods asked for ${asked}`);
  }
  return period;
}

/** A date or timestamp as PostgreSQL prints it, or as ISO 8601: UTC unless it names an offset. */
function parseTimestamp(text: string): Date | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})(?:[T ]([\d:.]+))?(Z|[+-]\d{2}(?::?\d{2})?)?$/i.exec(
    text.trim(),
  );
  if (!match) return undefined;
  const [, date, time = '00:00', offset = 'Z'] = match;
  const zone = /^[+-]\d{2}$/.test(offset) ? `${offset}:00` : offset.toUpperCase();
  const parsed = new Date(`${date}T${time}${zone}`);
  return Number.isNaN(parsed.getTime()) ? undefined : parsed;
}

function readNumber(text: string | null | undefined, fail: Fail): number {
  if (text == null) throw fail('value is null: return 0, or no row, for a period without data');
  const value = text.trim() === '' ? Number.NaN : Number(text);
  if (Number.isNaN(value)) throw fail(`value '${text}' is not a number`);
  if (!Number.isFinite(value)) throw fail(`value '${text}' is not a finite number`);
  return value;
}

function readDimensions(row: Row, dimensions: string[], fail: Fail) {
  if (dimensions.length === 0) return undefined;
  const slice: Record<string, string> = {};
  for (const name of dimensions) {
    const text = row[name];
    if (text == null) throw fail(`${name} is null: a dimension needs a value on every row`);
    slice[name] = text;
  }
  return slice;
}

/** The work's result, or the signal's reason as soon as it aborts. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  return new Promise((resolve, reject) => {
    const abort = () => reject(signal.reason);
    if (signal.aborted) abort();
    signal.addEventListener('abort', abort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}
