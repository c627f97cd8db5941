import { useState } from 'react';
import type { Ack } from '../../../shared/protocol/ack';
import type { AckExtras, IssueCredentialPayload } from '../../../shared/protocol/events';
import { useAck } from '../hooks/use-ack';
import { AckError } from './ack-error';

type Kind = 'screen' | 'evaluator';

const ROUTE: Record<Kind, string> = { screen: 'screen', evaluator: 'evaluate' };

/**
 * Links for the projector and for evaluators. Each carries a fresh credential in the URL fragment
 * (never sent to the server in a request line or logged); the page stores it and removes it from
 * the address bar. The facilitator can open the link here or send it to the projector's machine.
 */
export function CredentialLinks({
  sessionId,
  issue,
}: {
  sessionId: string;
  issue: (payload: IssueCredentialPayload) => Promise<Ack<AckExtras['issue-credential']>>;
}) {
  const [links, setLinks] = useState<{ kind: Kind; name: string; url: string }[]>([]);
  const { busy, error, run } = useAck();

  async function create(kind: Kind) {
    const name =
      kind === 'screen' ? 'Projector' : `Evaluator ${links.filter((l) => l.kind === kind).length + 1}`;
    let url = '';
    const ok = await run(async () => {
      const ack = await issue({ kind, name });
      if (ack.ok)
        url = `${window.location.origin}/${ROUTE[kind]}/${sessionId}#token=${encodeURIComponent(ack.token)}`;
      return ack;
    });
    if (ok) setLinks((current) => [...current, { kind, name, url }]);
  }

  return (
    <div>
      <div className="button-row">
        <button type="button" className="secondary" disabled={busy} onClick={() => create('screen')}>
          Create projector screen link
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={() => create('evaluator')}>
          Create evaluator link
        </button>
      </div>
      <AckError message={error} />
      {links.length > 0 && (
        <ul>
          {links.map((link) => (
            <li key={link.url}>
              <a href={link.url} target="_blank" rel="noreferrer">
                Open {link.name}
              </a>{' '}
              <span className="muted">(copy this link to the machine that should open it)</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
