import { useEffect, useRef, useState } from 'react';

/** A destructive button that asks once more inline (no browser dialog). */
export function ConfirmButton({
  label,
  question,
  confirmLabel = label,
  busy = false,
  onConfirm,
}: {
  label: string;
  question: string;
  confirmLabel?: string;
  busy?: boolean;
  onConfirm: () => void;
}) {
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
  }, [asking]);

  if (!asking) {
    return (
      <button type="button" className="button button-danger-quiet" onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <span className="confirm">
      <span>{question}</span>
      <button
        ref={confirmRef}
        type="button"
        className="button button-danger"
        disabled={busy}
        onClick={onConfirm}
      >
        {busy ? 'Working…' : confirmLabel}
      </button>
      <button type="button" className="button" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}
