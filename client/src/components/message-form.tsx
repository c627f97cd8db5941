import { type FormEvent, type ReactNode, useState } from 'react';
import type { Ack } from '../../../shared/protocol/ack';
import { useAck } from '../hooks/use-ack';
import { AckError } from './ack-error';
import { TextAreaField } from './text-area-field';

/** A labelled text box with a send button: players message the facilitator, the facilitator broadcasts. */
export function MessageForm({
  label,
  button,
  onSend,
  children,
}: {
  label: string;
  button: string;
  onSend: (body: string) => Promise<Ack>;
  children?: ReactNode;
}) {
  const [body, setBody] = useState('');
  const { busy, error, run } = useAck();
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (await run(() => onSend(body))) setBody('');
  }
  return (
    <form onSubmit={submit}>
      <TextAreaField label={label} value={body} maxLength={2000} onChange={setBody} />
      {children}
      <button type="submit" disabled={busy || body.trim() === ''}>
        {button}
      </button>
      <AckError message={error} />
    </form>
  );
}
