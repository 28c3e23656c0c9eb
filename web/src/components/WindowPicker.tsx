import { isIsoDate, todayUtc } from './window-dates.ts';

/** A preset window ending today: its label and its first day. */
export type WindowPreset = { label: string; from: string };

/** The window of whole UTC days a report covers: a preset ending today, or two dates. */
export function WindowPicker({
  idPrefix,
  presets,
  from,
  to,
  onChange,
}: {
  idPrefix: string;
  presets: WindowPreset[];
  from: string;
  to: string;
  onChange: (window: { from: string; to: string }, typing: boolean) => void;
}) {
  const today = todayUtc();
  return (
    <fieldset className="window-picker">
      <legend>Window (whole UTC days)</legend>
      <div className="window-fields">
        {presets.map((preset) => (
          <button
            key={preset.label}
            type="button"
            className="button button-small"
            aria-pressed={from === preset.from && to === today}
            onClick={() => onChange({ from: preset.from, to: today }, false)}
          >
            {preset.label}
          </button>
        ))}
        <label htmlFor={`${idPrefix}-from`}>From</label>
        <input
          id={`${idPrefix}-from`}
          type="date"
          value={from}
          max={to}
          required
          onChange={(event) => {
            const value = event.target.value;
            if (isIsoDate(value) && value <= to) onChange({ from: value, to }, true);
          }}
        />
        <label htmlFor={`${idPrefix}-to`}>To</label>
        <input
          id={`${idPrefix}-to`}
          type="date"
          value={to}
          min={from}
          max={today}
          required
          onChange={(event) => {
            const value = event.target.value;
            if (isIsoDate(value) && value >= from) onChange({ from, to: value }, true);
          }}
        />
      </div>
    </fieldset>
  );
}
