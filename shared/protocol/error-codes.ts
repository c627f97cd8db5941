import { z } from 'zod';
import { GAME_ERRORS, type GameErrorCode } from '../session/errors';
import { GATEWAY_ERRORS, type GatewayErrorCode } from './gateway-errors';

/** Every code a client can receive in `{ ok: false, code, message }`, with what it means. */
export const ERROR_CODES: Record<ErrorCode, string> = { ...GATEWAY_ERRORS, ...GAME_ERRORS };
export type ErrorCode = GameErrorCode | GatewayErrorCode;
export const ERROR_CODE_LIST = Object.keys(ERROR_CODES) as ErrorCode[];
export const errorCodeSchema = z.enum(ERROR_CODE_LIST as [ErrorCode, ...ErrorCode[]]);
