import { isIsoDate, monthsBefore, todayUtc } from './health-window.ts';

const presets = [3, 6, 12];

/** The window of days the reports cover: two dates, or a preset ending today. */
export function WindowPicker({
  from,
  to,
  onChange,
}: {
  from: string;
  to: string;
  onChange: (window: { from: string; to: string }, typing: boolean) => void;
}) {
  const today = todayUtc();
  return (
    <fieldset className="window-picker">
      <legend>Window (UTC days)</legend>
      <div className="window-fields">
        <label htmlFor="health-from">From</label>
        <input
          id="health-from"
          type="date"
          value={from}
          max={to}
          required
          onChange={(event) => {
            const value = event.target.value;
            if (isIsoDate(value) && value <= to) onChange({ from: value, to }, true);
          }}
        />
        <label htmlFor="health-to">To</label>
        <input
          id="health-to"
          type="date"
          value={to}
          min={from}
          required
          onChange={(event) => {
            const value = event.target.value;
            if (isIsoDate(value) && value >= from) onChange({ from, to: value }, true);
          }}
        />
        {presets.map((months) => {
          const start = monthsBefore(today, months);
          return (
            <button
              key={months}
              type="button"
              className="button button-small"
              aria-pressed={from === start && to === today}
              onClick={() => onChange({ from: start, to: today }, false)}
            >
              Last {months} months
            </button>
          );
        })}
      </div>
    </fieldset>
  );
}
