import QRCode from 'qrcode';
import { useMemo } from 'react';

/**
 * The join link as a QR code, drawn as SVG from the encoder's module matrix so it stays sharp on a
 * projector at any size and needs no canvas or inline HTML.
 */
export function QrCode({ value, label, size = 192 }: { value: string; label: string; size?: number }) {
  const path = useMemo(() => {
    const { modules } = QRCode.create(value, { errorCorrectionLevel: 'M' });
    const parts: string[] = [];
    for (let y = 0; y < modules.size; y++) {
      for (let x = 0; x < modules.size; x++) {
        if (modules.get(y, x)) parts.push(`M${x + 4} ${y + 4}h1v1h-1z`);
      }
    }
    return { d: parts.join(''), extent: modules.size + 8 };
  }, [value]);
  return (
    <svg
      className="qr-code"
      role="img"
      aria-label={label}
      width={size}
      height={size}
      viewBox={`0 0 ${path.extent} ${path.extent}`}
      shapeRendering="crispEdges"
    >
      <rect width={path.extent} height={path.extent} fill="#fff" />
      <path d={path.d} fill="#000" />
    </svg>
  );
}
