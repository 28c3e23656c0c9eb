import type { MetricSource } from '../api.ts';
import { Field } from '../components/Field.tsx';

/** How often a computed source runs, and how many recent periods each run computes again. */
export function SourceScheduleFields({
  prefix,
  source,
}: {
  prefix: string;
  source: MetricSource | undefined;
}) {
  return (
    <div className="field-row">
      <Field
        id={`${prefix}-every-minutes`}
        label="Run every (minutes)"
        hint="1 to 10080 (a week); 60 unless said"
      >
        <input
          id={`${prefix}-every-minutes`}
          name="sourceConfig.everyMinutes"
          type="number"
          min={1}
          max={10_080}
          step={1}
          required
          defaultValue={source?.everyMinutes ?? 60}
          aria-describedby={`${prefix}-every-minutes-hint`}
        />
      </Field>
      <Field
        id={`${prefix}-lookback`}
        label="Lookback (periods)"
        hint="How many periods, up to the current one, each run computes again"
      >
        <input
          id={`${prefix}-lookback`}
          name="sourceConfig.lookback"
          type="number"
          min={1}
          max={520}
          step={1}
          required
          defaultValue={source?.lookback ?? 12}
          aria-describedby={`${prefix}-lookback-hint`}
        />
      </Field>
    </div>
  );
}
