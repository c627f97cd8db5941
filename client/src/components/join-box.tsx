import { useId } from 'react';
import { isLoopbackHost, joinLink } from '../../../shared/protocol/join-urls';
import { useJoinUrls } from '../hooks/use-join-urls';
import { QrCode } from './qr-code';

/**
 * The join code in large type with the QR code of its /join link, for the console and the projector.
 * The link uses the address phones can open (PUBLIC_URL or a LAN address, see useJoinUrls), not the
 * browser's own when that is `localhost`. With `chooser` (the console), the facilitator picks among
 * several LAN addresses; the projector on this machine follows the choice.
 */
export function JoinBox({
  joinCode,
  qrSize = 160,
  chooser = false,
}: {
  joinCode: string;
  qrSize?: number;
  chooser?: boolean;
}) {
  const id = useId();
  const { base, choices, choose } = useJoinUrls();
  if (!base) {
    return (
      <div className="join-box">
        <div>
          <p>Join with the code</p>
          <p className="join-code">{joinCode}</p>
        </div>
      </div>
    );
  }
  const url = joinLink(base, joinCode);
  const host = new URL(base).host;
  return (
    <div className="join-box">
      <QrCode value={url} size={qrSize} label={`QR code linking to ${url}`} />
      <div>
        <p>Join at {host} with the code</p>
        <p className="join-code">{joinCode}</p>
        {chooser && choices.length > 1 && (
          <div className="field">
            <label htmlFor={id}>Address for phones</label>
            <select id={id} value={base} onChange={(event) => choose(event.target.value)}>
              {choices.map((choice) => (
                <option key={choice} value={choice}>
                  {new URL(choice).host}
                </option>
              ))}
            </select>
          </div>
        )}
        {chooser && isLoopbackHost(new URL(base).hostname) && (
          <p className="muted">
            Only this computer can open {host}. For phones, start the server on the room's network (it listens
            on every interface by default) or with PUBLIC_URL set.
          </p>
        )}
      </div>
    </div>
  );
}
