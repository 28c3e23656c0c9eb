import type { PeriodValue } from './series.ts';

export type RuleCondition = {
  condition: 'above' | 'below' | 'outside';
  threshold: number;
  thresholdHigh: number | null;
  periods: number;
};

/** Whether a period's value meets the rule's condition. */
export function breaches(rule: RuleCondition, value: number): boolean {
  if (rule.condition === 'above') return value > rule.threshold;
  if (rule.condition === 'below') return value < rule.threshold;
  return value < rule.threshold || value > (rule.thresholdHigh ?? Number.POSITIVE_INFINITY);
}

export type Streak = {
  /** The period that made N in a row: where the rule fired. */
  firedAt: string;
  /** The N values that breached, oldest first. */
  breach: PeriodValue[];
  /** The first later period whose value is back within, if any. */
  clearedAt: string | null;
  /** The streak runs up to the newest complete period. */
  ongoing: boolean;
};

/**
 * The streaks of at least N consecutive breaching periods in a series of complete periods. A
 * period with no value breaks a streak (no evidence is not a breach), but only a value back
 * within clears it. A streak is ongoing when it runs up to the newest complete period itself.
 */
export function findStreaks(
  rule: RuleCondition,
  values: PeriodValue[],
  isNext: (previous: PeriodValue, next: PeriodValue) => boolean,
  lastComplete: Date,
): Streak[] {
  const streaks: Streak[] = [];
  let run: PeriodValue[] = [];
  let open: Streak | undefined;
  values.forEach((point, index) => {
    const previous = values[index - 1];
    if (previous && !isNext(previous, point)) run = [];
    if (!breaches(rule, point.value)) {
      if (open) open.clearedAt = point.periodStart;
      open = undefined;
      run = [];
      return;
    }
    run.push(point);
    if (run.length === rule.periods) {
      open = { firedAt: point.periodStart, breach: [...run], clearedAt: null, ongoing: false };
      streaks.push(open);
    }
  });
  const newest = run.at(-1);
  if (open && run.length >= rule.periods && newest) {
    open.ongoing = Date.parse(newest.periodStart) === lastComplete.getTime();
  }
  return streaks;
}
