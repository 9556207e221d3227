/**
 * retryRefunds (every 5 minutes, or by hand): refunds whose request failed, or was cut short, are asked
 * again under the same `outRefundNo` (CloudPay never refunds one number twice), with a growing delay.
 * A refund still `processing` long after its request is confirmed with CloudPay (its notification may be
 * lost). After 5 failed attempts a refund is flagged for ops with its last reason: `refunds` where
 * `status = 'flagged'` is the list the ops screen shows.
 */
import type { retryRefundsContract } from '../../contracts/retry-refunds.contract';
import { queryRefundState, requestRefund } from '../cloudbase/cloud-pay';
import {
  countRefundsToRetry,
  listRefundsToRetry,
  type RefundRecord,
  updateRefund,
} from '../repositories/payment.repository';
import type { InvocationContext } from '../runtime/call-context';
import type { Job } from '../runtime/define-trigger';
import { applyRefundResult } from '../payments/refunds';
import { CONFIRM_AFTER_MS, retryDelayMs } from '../payments/refunds';

export const MAX_REFUND_ATTEMPTS = 5;

/**
 * A refund requested long ago whose notification never came: ask CloudPay. Succeeded → completed exactly
 * as refundCallback would; still processing → look again later; closed or unknown → ask for it again.
 */
async function confirmRefund(refund: RefundRecord, ctx: InvocationContext): Promise<boolean> {
  const now = ctx.clock.now();
  const state = await queryRefundState(refund.orderId, refund.outRefundNo);
  if (state.status === 'SUCCESS') {
    await applyRefundResult(
      {
        outRefundNo: refund.outRefundNo,
        outTradeNo: refund.orderId,
        refundStatus: 'SUCCESS',
        ...(state.refundId ? { refundId: state.refundId } : {}),
        ...(state.successTime ? { successTime: state.successTime } : {}),
      },
      ctx,
    );
    return true;
  }
  if (state.status === 'PROCESSING') {
    await updateRefund(refund.outRefundNo, { nextAttemptAt: now + CONFIRM_AFTER_MS, updatedAt: now });
    return false;
  }
  await updateRefund(refund.outRefundNo, {
    status: 'failed',
    lastError: `refund ${state.status}`,
    nextAttemptAt: now,
    updatedAt: now,
  });
  return true;
}
export const RETRY_BATCH = 50;

export const retryRefunds: Job<typeof retryRefundsContract> = async (run, ctx) => {
  let scanned = 0;
  let changed = 0;
  let flagged = 0;
  const seen = new Set<string>();
  while (scanned < run.limit && run.hasTime()) {
    const batch = (await listRefundsToRetry(ctx.clock.now(), Math.min(RETRY_BATCH, run.limit - scanned))).filter(
      (r) => !seen.has(r.outRefundNo),
    );
    if (batch.length === 0) break;
    scanned += batch.length;
    if (run.dryRun) break;
    for (const refund of batch) {
      seen.add(refund.outRefundNo);
      const now = ctx.clock.now();
      if (refund.status === 'processing') {
        if (await confirmRefund(refund, ctx)) changed += 1;
        continue;
      }
      const attempts = refund.attempts + 1;
      const answer = await requestRefund({
        outTradeNo: refund.orderId,
        outRefundNo: refund.outRefundNo,
        totalFee: refund.amount,
        refundFee: refund.amount,
      });
      if (answer.ok) {
        await updateRefund(refund.outRefundNo, { status: 'processing', attempts, updatedAt: now });
      } else if (attempts >= MAX_REFUND_ATTEMPTS) {
        flagged += 1;
        ctx.log.error('refund flagged for ops after repeated failures', {
          outRefundNo: refund.outRefundNo,
          reason: answer.reason,
        });
        await updateRefund(refund.outRefundNo, {
          status: 'flagged',
          attempts,
          lastError: answer.reason,
          flaggedAt: now,
          updatedAt: now,
        });
      } else {
        await updateRefund(refund.outRefundNo, {
          status: 'failed',
          attempts,
          lastError: answer.reason,
          nextAttemptAt: now + retryDelayMs(attempts),
          updatedAt: now,
        });
      }
      changed += 1;
    }
  }
  const remaining = await countRefundsToRetry(ctx.clock.now());
  return { scanned, changed, remaining, flagged };
};
