/**
 * An HTTP function a payment platform posts its notifications to (WeChat Pay API v3: `transferCallback`), reached
 * through CloudBase's HTTP access service like `adminApi` but answering the platform's protocol: 200 with no body
 * once the effect is stored; 401 for a notification that does not verify (nothing changes); 500
 * `{ code: 'FAIL', message }` when the handler failed, so WeChat sends it again. Only POST is served. The handler
 * authenticates the notification itself (its signature), never the caller's address.
 */
import type { NotifyContract } from '../../contracts/contract';
import { type InvocationContext, openInvocation, type RuntimeOptions } from './call-context';
import type { HttpEvent, HttpReply } from './define-http-function';
import { describeError } from './logger';
import type { ScfContext } from './wx-context';

/** A notification as it reached the function: its headers (lower-cased names) and its body, exactly as posted. */
export interface ReceivedNotification {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** What the handler made of it: stored (or nothing to store), or not believed. */
export type NotifyOutcome = { readonly ok: true } | { readonly ok: false; readonly reason: string };

export type NotifyHandler = (notification: ReceivedNotification, ctx: InvocationContext) => Promise<NotifyOutcome>;

export type NotifyMain = (event: unknown, context?: ScfContext) => Promise<HttpReply>;

const reply = (statusCode: number, body?: { code: string; message: string }): HttpReply => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  body: body ? JSON.stringify(body) : '',
  isBase64Encoded: false,
});

export function defineNotifyFunction(
  contract: NotifyContract,
  handler: NotifyHandler,
  options: RuntimeOptions = {},
): NotifyMain {
  return async (rawEvent, context) => {
    const ctx = openInvocation(contract.name, context, options);
    const event = (typeof rawEvent === 'object' && rawEvent !== null ? rawEvent : {}) as HttpEvent;
    if ((event.httpMethod ?? '').toUpperCase() !== 'POST') return reply(405, { code: 'FAIL', message: 'POST only' });
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(event.headers ?? {})) {
      if (typeof value === 'string') headers[name.toLowerCase()] = value;
    }
    const raw = event.body ?? '';
    const body = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
    try {
      const outcome = await handler({ headers, body }, ctx);
      if (outcome.ok) return reply(200);
      ctx.log.warn('notification refused', { reason: outcome.reason });
      return reply(401, { code: 'FAIL', message: 'not verified' });
    } catch (error) {
      ctx.log.error('notification failed; the platform will send it again', describeError(error));
      return reply(500, { code: 'FAIL', message: '处理失败' });
    }
  };
}
