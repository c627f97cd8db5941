import { useEffect, useState } from 'react';
import type { Ack } from '../../../shared/protocol/ack';
import type { AckExtras, ClientCommand, IssueCredentialPayload } from '../../../shared/protocol/events';
import type { Credential } from '../../../shared/session/state';
import { useAck } from '../hooks/use-ack';
import { useJoinUrls } from '../hooks/use-join-urls';
import { type IssuedLink, type IssuedLinkKind, loadIssuedLinks, saveIssuedLinks } from '../lib/issued-links';
import { AckError } from './ack-error';
import { CopyButton } from './copy-button';
import { QrCode } from './qr-code';

const ROUTE: Record<IssuedLinkKind, string> = {
  screen: 'screen',
  evaluator: 'evaluate',
  facilitator: 'facilitate',
};
const WHAT: Record<IssuedLinkKind, string> = {
  screen: 'Projector screen: shows only what the whole room may see.',
  evaluator: 'Evaluator: rates objectives and sees facilitator notes; cannot change the exercise.',
  facilitator: 'Co-facilitator: full control of this exercise. Give it only to someone running it with you.',
};

/**
 * Links for the projector, evaluators and co-facilitators. Each carries a fresh credential in the
 * URL fragment (never sent to the server in a request line or logged); the page that opens it
 * stores it and removes it from the address bar. Links use the address other machines reach (the
 * join box's choice), not `localhost`, and each has a copy button and a QR code.
 *
 * The server keeps only each token's hash, so the links live in this browser's storage, per session
 * (../lib/issued-links.ts): a reload keeps them. One issued from another browser (a co-facilitator's
 * console) cannot be shown here: it can be re-issued, which revokes the old link.
 */
export function CredentialLinks({
  sessionId,
  credentials,
  issue,
  send,
}: {
  sessionId: string;
  credentials: readonly Credential[];
  issue: (payload: IssueCredentialPayload) => Promise<Ack<AckExtras['issue-credential']>>;
  send: (command: ClientCommand) => Promise<Ack>;
}) {
  const [links, setLinks] = useState<IssuedLink[]>(() => loadIssuedLinks(sessionId));
  useEffect(() => saveIssuedLinks(sessionId, links), [sessionId, links]);
  const { busy, error, run } = useAck();
  const { base = window.location.origin } = useJoinUrls();
  const urlOf = (link: IssuedLink) =>
    `${base}/${ROUTE[link.kind]}/${sessionId}#token=${encodeURIComponent(link.token)}`;
  const active = (credentialId: string) => credentials.some((c) => c.id === credentialId && !c.revoked);

  async function create(kind: IssuedLinkKind, name?: string): Promise<boolean> {
    const count = links.filter((l) => l.kind === kind).length + 1;
    const chosen =
      name ??
      (kind === 'screen'
        ? count === 1
          ? 'Projector'
          : `Projector ${count}`
        : kind === 'evaluator'
          ? `Evaluator ${count}`
          : `Co-facilitator ${count}`);
    let issued: IssuedLink | undefined;
    const ok = await run(async () => {
      const ack = await issue({ kind, name: chosen });
      if (ack.ok) issued = { kind, name: chosen, token: ack.token, credentialId: ack.credentialId };
      return ack;
    });
    if (ok && issued) {
      const link = issued;
      setLinks((current) => [...current, link]);
    }
    return ok;
  }

  /** A new link in place of one whose token this browser does not hold; the old one stops working. */
  async function reissue(credential: Credential) {
    if (credential.kind !== 'screen' && credential.kind !== 'evaluator' && credential.kind !== 'facilitator')
      return;
    if (!(await create(credential.kind, credential.name))) return;
    await run(() => send({ type: 'revoke-token', tokenHash: credential.tokenHash }));
  }

  const mine = new Set(links.map((l) => l.credentialId));
  // The exercise's own facilitator credential (cred-1) is the creator's; others issued elsewhere are listed.
  const elsewhere = credentials.filter(
    (c) =>
      !c.revoked &&
      !mine.has(c.id) &&
      c.id !== 'cred-1' &&
      (c.kind === 'screen' || c.kind === 'evaluator' || c.kind === 'facilitator'),
  );
  const shown = links.filter(
    (l) => active(l.credentialId) || !credentials.some((c) => c.id === l.credentialId),
  );

  return (
    <div className="credential-links">
      <div className="button-row">
        <button type="button" className="secondary" disabled={busy} onClick={() => create('screen')}>
          Create projector screen link
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={() => create('evaluator')}>
          Create evaluator link
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={() => create('facilitator')}>
          Create co-facilitator link
        </button>
      </div>
      <AckError message={error} />
      {shown.length > 0 && (
        <ul className="link-list">
          {shown.map((link) => {
            const url = urlOf(link);
            return (
              <li key={link.credentialId} className={`link-item link-${link.kind}`}>
                <p>
                  <a href={url} target="_blank" rel="noreferrer">
                    Open {link.name}
                  </a>{' '}
                  <span className="muted">{WHAT[link.kind]}</span>
                </p>
                <div className="link-tools">
                  <label className="visually-hidden" htmlFor={`link-${link.credentialId}`}>
                    {link.name} link
                  </label>
                  <input id={`link-${link.credentialId}`} className="link-url" readOnly value={url} />
                  <CopyButton text={url} label={`Copy ${link.name} link`} />
                </div>
                <details>
                  <summary>QR code for {link.name}</summary>
                  <QrCode value={url} size={160} label={`QR code of the ${link.name} link`} />
                </details>
              </li>
            );
          })}
        </ul>
      )}
      {elsewhere.length > 0 && (
        <div className="links-elsewhere">
          <p className="muted">
            Issued from another browser (only its fingerprint is kept, so the link cannot be shown again
            here):
          </p>
          <ul>
            {elsewhere.map((c) => (
              <li key={c.id}>
                {c.name}{' '}
                <button type="button" className="secondary small" disabled={busy} onClick={() => reissue(c)}>
                  Re-issue {c.name} link
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
