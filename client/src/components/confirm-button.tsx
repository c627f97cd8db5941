import { type ReactNode, useEffect, useRef, useState } from 'react';

/**
 * A button that asks first, in the page rather than in a browser dialog: the question and its two
 * answers replace the button until one is chosen (the confirming one takes the focus). With
 * `ask` false it acts at once, like a plain button.
 */
export function ConfirmButton({
  ask,
  question,
  confirm,
  onConfirm,
  disabled = false,
  className,
  children,
}: {
  ask: boolean;
  question: ReactNode;
  /** The confirming answer's label, e.g. "Rehearse with computer players". */
  confirm: string;
  onConfirm: () => void;
  disabled?: boolean;
  className?: string;
  children: ReactNode;
}) {
  const [asking, setAsking] = useState(false);
  const yes = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) yes.current?.focus();
  }, [asking]);
  if (asking && !disabled) {
    return (
      <fieldset className="confirm">
        <legend>{question}</legend>
        <div className="button-row">
          <button
            ref={yes}
            type="button"
            className={className}
            onClick={() => {
              setAsking(false);
              onConfirm();
            }}
          >
            {confirm}
          </button>
          <button type="button" className="secondary" onClick={() => setAsking(false)}>
            Cancel
          </button>
        </div>
      </fieldset>
    );
  }
  return (
    <button
      type="button"
      className={className}
      disabled={disabled}
      onClick={() => (ask ? setAsking(true) : onConfirm())}
    >
      {children}
    </button>
  );
}
