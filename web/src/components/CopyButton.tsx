import { useState } from 'react';

/** Copies text to the clipboard and says so. */
export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      // navigator.clipboard needs https (or localhost); fall back to the older way
      setState(copyWithSelection(text) ? 'copied' : 'failed');
    }
  }

  return (
    <>
      <button type="button" className="button button-primary" onClick={copy}>
        {label}
      </button>
      <span role="status" className="copy-status">
        {state === 'copied' && 'Copied.'}
        {state === 'failed' && 'Could not copy: select the text and copy it yourself.'}
      </span>
    </>
  );
}

function copyWithSelection(text: string): boolean {
  const focused = document.activeElement;
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
    if (focused instanceof HTMLElement) focused.focus();
  }
}
