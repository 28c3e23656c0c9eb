/** A progress bar (when the total is known) with a label and an optional message after it. */
export function ProgressNote({
  done,
  total,
  label,
  message,
  name,
}: {
  done: number | null;
  total: number | null | undefined;
  label: string;
  message?: string | null;
  /** The accessible name of the bar, e.g. "Sync of shop". */
  name: string;
}) {
  return (
    <div className="progress">
      {done !== null && total ? (
        <progress max={total} value={Math.min(done, total)} aria-label={name}>
          {label}
        </progress>
      ) : null}
      <span className="progress-text">
        {label}
        {message ? ` · ${message}` : ''}
      </span>
    </div>
  );
}
