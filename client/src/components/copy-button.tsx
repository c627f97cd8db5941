import { useEffect, useState } from 'react';

/**
 * Copies a text (a link) to the clipboard and says so. The clipboard API needs a secure context
 * (https or localhost); on a LAN address over http it is missing, so the fallback selects a hidden
 * text box and asks the browser to copy it.
 */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2500);
    return () => clearTimeout(timer);
  }, [state]);
  return (
    <>
      <button
        type="button"
        className="secondary small"
        onClick={async () => setState((await copy(text)) ? 'copied' : 'failed')}
      >
        {label}
      </button>
      <span className="copy-status" role="status">
        {state === 'copied'
          ? 'Copied.'
          : state === 'failed'
            ? 'Could not copy: select the link and copy it.'
            : ''}
      </span>
    </>
  );
}

async function copy(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Refused (permissions): try the old way.
  }
  const box = document.createElement('textarea');
  box.value = text;
  box.setAttribute('readonly', '');
  box.style.position = 'fixed';
  box.style.opacity = '0';
  document.body.append(box);
  box.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    box.remove();
  }
}
