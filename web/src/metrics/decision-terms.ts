import type { Metric } from '../api.ts';
import { formatDate } from '../components/format-date.ts';
import type { MetricLink, MetricReview, MetricRule, MetricSource } from './decision-api.ts';
import { formatValue } from './metric-terms.ts';

export type Period = Metric['period'];
type Condition = MetricRule['condition'];

/** The period's noun: "week". */
export const periodNouns: Record<Period, string> = {
  day: 'day',
  week: 'week',
  month: 'month',
  quarter: 'quarter',
};

/** "3 weeks", "1 week". */
export function periodsInWords(count: number, period: Period): string {
  return `${count} ${periodNouns[period]}${count === 1 ? '' : 's'}`;
}

export const conditionLabels: Record<Condition, string> = {
  above: 'Above',
  below: 'Below',
  outside: 'Outside a band',
};

type RuleTerms = Pick<MetricRule, 'condition' | 'threshold' | 'thresholdHigh' | 'periods'>;

/** "above 400 ms", "outside 2 % to 5 %". */
export function conditionInWords(rule: RuleTerms, unit: string): string {
  if (rule.condition === 'outside') {
    return `outside ${formatValue(rule.threshold, unit)} to ${formatValue(rule.thresholdHigh ?? rule.threshold, unit)}`;
  }
  return `${rule.condition} ${formatValue(rule.threshold, unit)}`;
}

/** "If it is above 400 ms for 2 weeks in a row → stop feature work (Ada acts)". */
export function ruleInWords(
  rule: RuleTerms & { action: string; actor: string | null },
  unit: string,
  period: Period,
): string {
  const span =
    rule.periods === 1
      ? `for a ${periodNouns[period]}`
      : `for ${periodsInWords(rule.periods, period)} in a row`;
  const actor = rule.actor ? ` (${rule.actor} acts)` : '';
  return `If it is ${conditionInWords(rule, unit)} ${span} → ${rule.action}${actor}`;
}

/** Each vanity flag explained, after its label (flagLabels in metric-terms.ts). */
export const flagDetails: Record<Metric['flags'][number], string> = {
  'no-decision': 'No rule says what anyone will do differently when it moves.',
  unlinked: 'It serves no outcome, objective, guardrail or scenario that Cairn knows of.',
  unreviewed: 'Nobody has said keep, change or retire lately.',
  quiet: 'Its value stayed in its normal range lately and its rule never fired.',
};

export const linkKindLabels: Record<MetricLink['kind'], string> = {
  outcome: 'Outcome',
  objective: 'Objective',
  guardrail: 'Guardrail',
  scenario: 'Scenario',
};

export const reviewDecisionLabels: Record<MetricReview['decision'], string> = {
  keep: 'Keep',
  change: 'Change',
  retire: 'Retire',
};

export const sourceStatusLabels: Record<MetricSource['status'], { badge: string; detail: string }> =
  {
    ok: { badge: 'OK', detail: 'The last run succeeded.' },
    error: { badge: 'Failing', detail: 'The last run failed; the last good values stay.' },
    pending: { badge: 'Pending', detail: 'It has not run yet.' },
  };

const monthYear = new Intl.DateTimeFormat(undefined, {
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** The period that starts at `start` (a UTC midnight): "week of 2 Jun 2026", "June 2026", "Q2 2026". */
export function periodLabel(start: string, period: Period): string {
  const date = new Date(start);
  if (period === 'month') return monthYear.format(date);
  if (period === 'quarter') {
    return `Q${Math.floor(date.getUTCMonth() / 3) + 1} ${date.getUTCFullYear()}`;
  }
  return period === 'week' ? `week of ${formatDate(start)}` : formatDate(start);
}

/** "in the week of 2 Jun 2026", "in June 2026", "on 2 Jun 2026". */
export function inPeriod(start: string, period: Period): string {
  if (period === 'day') return `on ${periodLabel(start, period)}`;
  return `in ${period === 'week' ? 'the ' : ''}${periodLabel(start, period)}`;
}
