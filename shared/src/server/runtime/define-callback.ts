import type { CallbackContract, CallbackReply, NotificationOf } from '../../contracts/contract';
import { type InvocationContext, issuePaths, openInvocation, type RuntimeOptions } from './call-context';
import { describeError } from './logger';
import type { ScfContext } from './wx-context';

/** What CloudPay reads back. Anything but errcode 0 makes WeChat deliver the notification again. */
export const CALLBACK_OK: CallbackReply = { errcode: 0, errmsg: 'OK' };
export const CALLBACK_RETRY: CallbackReply = { errcode: 1, errmsg: 'RETRY' };
export const CALLBACK_REFUSED: CallbackReply = { errcode: 403, errmsg: 'FORBIDDEN' };
export const CALLBACK_INVALID: CallbackReply = { errcode: 400, errmsg: 'INVALID_ARGUMENT' };

export const PAY_CALLBACK_SOURCE = 'wx_paycallback';

export type CallbackHandler<C extends CallbackContract> = (
  event: NotificationOf<C>,
  ctx: InvocationContext,
) => Promise<void>;

export type CallbackMain = (event: unknown, context?: ScfContext) => Promise<CallbackReply>;

/**
 * A CloudPay callback (payment or refund result). Only the platform may call it: SOURCE must be
 * `wx_paycallback` and there must be no OPENID, so a shopper calling the function directly is refused.
 * It answers `{ errcode: 0 }` only after the handler has resolved, i.e. after its effect is stored;
 * when the handler throws it answers non-zero so the platform retries. Handlers must be idempotent.
 */
export function defineCallback<C extends CallbackContract>(
  contract: C,
  handler: CallbackHandler<C>,
  options: RuntimeOptions = {},
): CallbackMain {
  return async (event, context) => {
    const ctx = openInvocation(contract.name, context, options);
    if (ctx.wx.source !== PAY_CALLBACK_SOURCE || ctx.wx.openid !== undefined) {
      ctx.log.warn('callback refused: not from the payment platform', { source: ctx.wx.source });
      return CALLBACK_REFUSED;
    }
    const parsed = contract.request.safeParse(event);
    if (!parsed.success) {
      ctx.log.error('callback event rejected', { paths: issuePaths(parsed.error.issues) });
      return CALLBACK_INVALID;
    }
    try {
      await handler(parsed.data as NotificationOf<C>, ctx);
      return CALLBACK_OK;
    } catch (error) {
      ctx.log.error('callback failed; the platform will retry', describeError(error));
      return CALLBACK_RETRY;
    }
  };
}
