import { useEffect, useRef, useState } from 'react';

/**
 * A destructive button that asks once more inline (no browser dialog). The question closes when
 * the work it started ends (say, refused: show the error beside it), and focus goes back to the
 * button.
 */
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
  const triggerRef = useRef<HTMLButtonElement>(null);
  const wasBusy = useRef(false);
  const returnFocus = useRef(false);

  useEffect(() => {
    if (asking) confirmRef.current?.focus();
    else if (returnFocus.current) triggerRef.current?.focus();
    returnFocus.current = false;
  }, [asking]);

  useEffect(() => {
    if (wasBusy.current && !busy) {
      returnFocus.current = true;
      setAsking(false);
    }
    wasBusy.current = busy;
  }, [busy]);

  function close() {
    returnFocus.current = true;
    setAsking(false);
  }

  if (!asking) {
    return (
      <button
        ref={triggerRef}
        type="button"
        className="button button-danger-quiet"
        onClick={() => setAsking(true)}
      >
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
      <button type="button" className="button" onClick={close}>
        Cancel
      </button>
    </span>
  );
}
