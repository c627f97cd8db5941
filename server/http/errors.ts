import type { Response } from 'express';
import type { ErrorCode } from '../../shared/protocol/error-codes';

/** Every API error is `{ ok: false, code, message }` with a fitting status. */
export function sendError(res: Response, status: number, code: ErrorCode, message: string): void {
  res.status(status).json({ ok: false, code, message });
}
