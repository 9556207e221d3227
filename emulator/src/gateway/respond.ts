import type { ServerResponse } from 'node:http';
import { FunctionInvocationError, type InvocationFailure } from '../functions';

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  sendJsonText(res, status, JSON.stringify(body));
}

export function sendJsonText(res: ServerResponse, status: number, json: string): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(json),
  });
  res.end(json);
}

/** The error body every gateway route uses: what `wx.cloud.callFunction` would reject with, minus any stack. */
export interface GatewayError {
  readonly errCode: number;
  readonly errMsg: string;
  readonly code: string;
}

export function sendError(res: ServerResponse, status: number, error: GatewayError): void {
  sendJson(res, status, { errCode: error.errCode, errMsg: error.errMsg, code: error.code });
}

const STATUS: Record<InvocationFailure, number> = {
  not_found: 404,
  throttled: 429,
  timeout: 500,
  execute_fail: 500,
  closed: 503,
};

/** Answers a failed invocation; anything that is not a `FunctionInvocationError` is rethrown. */
export function sendInvocationError(res: ServerResponse, error: unknown): void {
  if (!(error instanceof FunctionInvocationError)) throw error;
  sendError(res, STATUS[error.failure], error);
}

export const INVALID_PARAM = -501007;
