import { QrCode } from './qr-code';

/** The join code in large type with the QR code of its /join link, for the console and the projector. */
export function JoinBox({ joinCode, qrSize = 160 }: { joinCode: string; qrSize?: number }) {
  const url = `${window.location.origin}/join/${joinCode}`;
  return (
    <div className="join-box">
      <QrCode value={url} size={qrSize} label={`QR code linking to ${url}`} />
      <div>
        <p>Join at {window.location.host} with the code</p>
        <p className="join-code">{joinCode}</p>
      </div>
    </div>
  );
}
