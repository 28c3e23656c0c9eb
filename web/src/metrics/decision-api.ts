import type { AddLinkInput, MetricLink } from '../../../src/metrics/review-schema.ts';
import type { MetricRule, RuleFiring, SetRuleInput } from '../../../src/metrics/rule-schema.ts';
import type { MetricReview, RecordReview } from '../../../src/metrics/schema.ts';
import type { MetricSeries, SeriesPoint } from '../../../src/metrics/series-schema.ts';
import type { MetricSource } from '../../../src/metrics/source-schema.ts';
import { ApiError, request, toSearch } from '../api.ts';

export type {
  AddLinkInput,
  MetricLink,
  MetricReview,
  MetricRule,
  MetricSeries,
  MetricSource,
  RecordReview,
  RuleFiring,
  SeriesPoint,
  SetRuleInput,
};

/** The series of the chart: how many periods, and optionally a dimension to break down by. */
export type SeriesQuery = { periods: number; dimension?: string };

/** null when the API answers 404: "has none" rather than a failure. */
async function orNone<Result>(promise: Promise<Result>): Promise<Result | null> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

const base = (key: string) => `/metrics/${encodeURIComponent(key)}`;
const seriesQuery = ({ periods, dimension }: SeriesQuery) => ({
  periods: String(periods),
  dimension,
});

export function getSeries(key: string, query: SeriesQuery) {
  return request<MetricSeries>('GET', `${base(key)}/series`, { query: seriesQuery(query) });
}

/** The CSV downloads: plain links, the browser saves what they answer. */
export function seriesCsvUrl(key: string, query: SeriesQuery): string {
  return `/api${base(key)}/series.csv${toSearch(seriesQuery(query))}`;
}

export function datapointsCsvUrl(key: string): string {
  return `/api${base(key)}/datapoints.csv`;
}

/** Its decision rule, or null when it has none yet. */
export function findRule(key: string) {
  return orNone(request<MetricRule>('GET', `${base(key)}/rule`));
}

/** States or restates the rule; the answer says whether it fires now. */
export function setRule(key: string, input: SetRuleInput) {
  return request<MetricRule>('PUT', `${base(key)}/rule`, { body: input });
}

export function deleteRule(key: string) {
  return request<void>('DELETE', `${base(key)}/rule`);
}

/** Newest first. */
export function listFirings(key: string) {
  return request<{ items: RuleFiring[] }>('GET', `${base(key)}/firings`);
}

/** Newest first. */
export function listReviews(key: string) {
  return request<{ items: MetricReview[] }>('GET', `${base(key)}/reviews`);
}

/** Keep, change or retire, with a note; it takes up the firings waiting for a review. */
export function recordReview(key: string, input: RecordReview) {
  return request<MetricReview>('POST', `${base(key)}/reviews`, { body: input });
}

export function listLinks(key: string) {
  return request<{ items: MetricLink[] }>('GET', `${base(key)}/links`);
}

export function addLink(key: string, input: AddLinkInput) {
  return request<MetricLink>('POST', `${base(key)}/links`, { body: input });
}

export function deleteLink(key: string, id: string) {
  return request<void>('DELETE', `${base(key)}/links/${encodeURIComponent(id)}`);
}

/** Runs the source now over its lookback (admins, leaders); a failure shows on its status. */
export function runSource(key: string) {
  return request<MetricSource>('POST', `${base(key)}/source/run`);
}
