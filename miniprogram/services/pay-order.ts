/**
 * 去支付 on an order waiting for payment, from the order list and the order detail: `payOrder` gives the
 * order's payment params again (never a second charge), then WeChat Pay. Call it straight from the tap
 * handler, before any `await`: it asks for the subscription messages first, which WeChat only allows
 * from a tap.
 */
import { callFunction } from './cloud';
import { askForMessages, pay, type PayOutcome } from './payment';

export const PAY_OUTCOME_TEXT: Record<PayOutcome, string> = {
  paid: '支付成功',
  cancelled: '已取消支付',
  failed: '支付没有成功，请重试',
};

/** How long to wait before reloading a paid order: WeChat Pay's notification turns it paid shortly after. */
export const RELOAD_AFTER_PAY_MS = 1500;

/** Pays the order; resolves to the toast to show. Reload the order RELOAD_AFTER_PAY_MS later. */
export async function payPendingOrder(orderId: string): Promise<string> {
  await askForMessages();
  const answer = await callFunction('payOrder', { orderId });
  if (!answer.ok) return answer.error.message;
  return PAY_OUTCOME_TEXT[await pay(orderId, answer.data.payment)];
}
