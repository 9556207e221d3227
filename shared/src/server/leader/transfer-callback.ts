/**
 * transferCallback: WeChat Pay's MCHTRANSFER.BILL.FINISHED for a withdrawal's bill. The 商家转账 adapter verifies
 * its signature (the platform's key, within 5 minutes) and decrypts its resource (API v3 key); one that does not
 * verify changes nothing. The bill is then applied exactly as the payout job applies a query's answer
 * (`applyTransferAnswer`: the domain's step, conditional on the statuses it is decided on), so the same
 * notification three times, or a late one after the job learnt more, applies once.
 */
import { transferCallbackContract } from '../../contracts/transfer-callback.contract';
import { isPayoutProviderError, type PayoutGateway } from '../providers/payouts';
import { wechatpayTransferFromEnv } from '../providers/wechatpay-transfer';
import type { NotifyHandler } from '../runtime/define-notify-function';
import { applyTransferAnswer, billAnswer } from './withdrawal-payout';

export function transferCallbackWith(gateway: () => PayoutGateway): NotifyHandler {
  return async (notification, ctx) => {
    let notice;
    try {
      notice = gateway().readNotification(notification);
    } catch (error) {
      if (isPayoutProviderError(error) && (error.failure === 'bad_signature' || error.failure === 'bad_answer')) {
        return { ok: false, reason: error.message };
      }
      throw error;
    }
    if (notice.eventType !== transferCallbackContract.eventType) {
      ctx.log.warn('notification of another event, acknowledged', { eventType: notice.eventType });
      return { ok: true };
    }
    const status = await applyTransferAnswer(notice.bill.outBillNo, billAnswer(notice.bill), ctx);
    if (status === undefined) {
      ctx.log.error('a transfer notification for no withdrawal', { outBillNo: notice.bill.outBillNo });
    }
    return { ok: true };
  };
}

export const transferCallback: NotifyHandler = transferCallbackWith(wechatpayTransferFromEnv);
