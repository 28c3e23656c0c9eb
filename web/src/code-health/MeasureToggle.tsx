import type { Measure } from './contribution-series.ts';

const options: { value: Measure; label: string }[] = [
  { value: 'commits', label: 'Commits' },
  { value: 'lines', label: 'Changed lines' },
];

/** Commits or changed lines: what the contribution charts count. */
export function MeasureToggle({
  value,
  onChange,
}: {
  value: Measure;
  onChange: (value: Measure) => void;
}) {
  return (
    <fieldset className="segmented">
      <legend className="visually-hidden">Count</legend>
      {options.map((option) => (
        <label
          key={option.value}
          className={option.value === value ? 'segment selected' : 'segment'}
        >
          <input
            type="radio"
            name="measure"
            value={option.value}
            checked={option.value === value}
            onChange={() => onChange(option.value)}
          />
          {option.label}
        </label>
      ))}
    </fieldset>
  );
}
