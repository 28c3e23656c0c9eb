import { addPeriods } from '../../shared/periods.ts';
import type { SourceInput } from '../source-schema.ts';
import { errorReason, SourceError, type SourceRunner, type SourceValue } from './source.ts';

type PrometheusConfig = Extract<SourceInput, { kind: 'prometheus' }>;

type Sample = [number, string];
type QueryData =
  | { resultType: 'vector'; result: { metric: Record<string, string>; value: Sample }[] }
  | { resultType: 'scalar'; result: Sample }
  | { resultType: 'matrix' | 'string'; result: unknown };
type ApiResponse =
  | { status: 'success'; data: QueryData }
  | { status: 'error'; errorType: string; error: string };

const dayMs = 24 * 60 * 60 * 1000;

/**
 * Runs a PromQL instant query once per period, at the period's end (at now for the current
 * period), with `{{period}}` replaced by the time the period covers up to then: its length in days
 * (`1d`, `7d`, `31d`, `92d`) once complete, the whole seconds elapsed (`52113s`) while current. A
 * period the query returns no sample (or NaN, ±Inf) for gets no value; more than one series is an
 * error: the query must aggregate to one.
 */
export const runPrometheusSource: SourceRunner = async (run) => {
  const config = run.config as PrometheusConfig;
  const period = run.metric.period;
  const now = Date.now();
  const values: SourceValue[] = [];
  for (const start of run.starts) {
    if (start.getTime() > now) continue;
    const end = addPeriods(start, period, 1).getTime();
    const time = Math.min(end, now);
    const query = config.query.replaceAll('{{period}}', promDuration(start, time));
    const data = await queryPrometheus(config, query, time, run.signal);
    const value = readValue(data, start);
    if (value !== undefined && Number.isFinite(value)) {
      values.push({ at: start.toISOString(), value });
    }
  }
  return values;
};

/** The PromQL range from the period's start to `time`: whole days, or whole seconds. */
export function promDuration(start: Date, time: number): string {
  const elapsed = time - start.getTime();
  if (elapsed % dayMs === 0) return `${elapsed / dayMs}d`;
  return `${Math.max(1, Math.floor(elapsed / 1000))}s`;
}

/** One instant query at `time` (ms), as the API's `data`; every failure as a SourceError. */
async function queryPrometheus(
  config: Pick<PrometheusConfig, 'url' | 'timeoutSeconds'>,
  query: string,
  time: number,
  signal?: AbortSignal,
): Promise<QueryData> {
  const params = new URLSearchParams({ query, time: (time / 1000).toFixed(3) });
  const timeout = AbortSignal.timeout(config.timeoutSeconds * 1000);
  let status: number;
  let text: string;
  try {
    const response = await fetch(`${config.url}/api/v1/query?${params}`, {
      headers: { accept: 'application/json' },
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    status = response.status;
    text = await response.text();
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    if (timeout.aborted) {
      throw new SourceError(`Prometheus did not answer within ${config.timeoutSeconds} s`);
    }
    throw new SourceError(`Prometheus at ${config.url} is unreachable: ${errorReason(error)}`);
  }
  const body = parseJson(text) as ApiResponse | undefined;
  if (body?.status === 'error')
    throw new SourceError(`Prometheus rejected the query: ${body.error}`);
  if (body?.status !== 'success' || status >= 400 || !body.data) {
    throw new SourceError(
      `Prometheus at ${config.url} did not answer with its HTTP API's JSON (is the url right?)`,
    );
  }
  return body.data;
}

function readValue(data: QueryData, start: Date): number | undefined {
  if (data.resultType === 'scalar') return Number(data.result[1]);
  if (data.resultType !== 'vector') {
    const hint =
      data.resultType === 'matrix' ? ' (a range like [5m] needs a function around it)' : '';
    throw new SourceError(
      `the query returned a ${data.resultType}, not a number per period: it must give one series or a scalar${hint}`,
    );
  }
  if (data.result.length > 1) {
    throw new SourceError(
      `the query returned ${data.result.length} series for the period starting ${start.toISOString()}; aggregate it to one, e.g. sum(…)`,
    );
  }
  const sample = data.result[0];
  return sample ? Number(sample.value[1]) : undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
