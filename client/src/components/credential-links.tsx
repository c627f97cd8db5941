import { useState } from 'react';
import type { Ack } from '../../../shared/protocol/ack';
import type { AckExtras, IssueCredentialPayload } from '../../../shared/protocol/events';
import { useAck } from '../hooks/use-ack';
import { useJoinUrls } from '../hooks/use-join-urls';
import { AckError } from './ack-error';

type Kind = 'screen' | 'evaluator';

const ROUTE: Record<Kind, string> = { screen: 'screen', evaluator: 'evaluate' };

/**
 * Links for the projector and for evaluators. Each carries a fresh credential in the URL fragment
 * (never sent to the server in a request line or logged); the page stores it and removes it from
 * the address bar. The facilitator can open the link here or send it to the projector's machine,
 * so links use the address other machines reach (the join box's choice), not `localhost`.
 */
export function CredentialLinks({
  sessionId,
  issue,
}: {
  sessionId: string;
  issue: (payload: IssueCredentialPayload) => Promise<Ack<AckExtras['issue-credential']>>;
}) {
  const [links, setLinks] = useState<{ kind: Kind; name: string; token: string }[]>([]);
  const { busy, error, run } = useAck();
  const { base = window.location.origin } = useJoinUrls();
  const urlOf = (link: { kind: Kind; token: string }) =>
    `${base}/${ROUTE[link.kind]}/${sessionId}#token=${encodeURIComponent(link.token)}`;

  async function create(kind: Kind) {
    const name =
      kind === 'screen' ? 'Projector' : `Evaluator ${links.filter((l) => l.kind === kind).length + 1}`;
    let token = '';
    const ok = await run(async () => {
      const ack = await issue({ kind, name });
      if (ack.ok) token = ack.token;
      return ack;
    });
    if (ok) setLinks((current) => [...current, { kind, name, token }]);
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
            <li key={link.token}>
              <a href={urlOf(link)} target="_blank" rel="noreferrer">
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
