/**
 * retryRefunds (every 5 minutes, or by hand): refunds whose request failed, or was cut short, are asked
 * again under the same `outRefundNo` (CloudPay never refunds one number twice), with a growing delay.
 * A refund still `processing` long after its request is confirmed with CloudPay (its notification may be
 * lost). After MAX_REFUND_ATTEMPTS failed attempts a refund is flagged for ops with its last reason (the
 * refund machine decides each step).
 */
import type { retryRefundsContract } from '../../contracts/retry-refunds.contract';
import { CONFIRM_AFTER_MS, isAwaitingConfirmation } from '../../domain/refund.machine';
import type { Refund } from '../../domain/refund.schema';
import { queryRefundState } from '../cloudbase/cloud-pay';
import { applyRefundResult, askAgain } from '../payments/refunds';
import { countRefundsToRetry, listRefundsToRetry, updateRefund } from '../repositories/refund.repository';
import type { InvocationContext } from '../runtime/call-context';
import type { Job } from '../runtime/define-trigger';

export const RETRY_BATCH = 50;

/**
 * A refund requested long ago whose notification never came: ask CloudPay. Succeeded → completed exactly
 * as refundCallback would; still processing → look again later; closed or unknown → ask for it again.
 */
async function confirmRefund(refund: Refund, ctx: InvocationContext): Promise<boolean> {
  const now = ctx.clock.now();
  const state = await queryRefundState(refund.orderId, refund.outRefundNo);
  if (state.status === 'PROCESSING') {
    await updateRefund(refund.outRefundNo, { nextAttemptAt: now + CONFIRM_AFTER_MS, updatedAt: now });
    return false;
  }
  await applyRefundResult(
    {
      outRefundNo: refund.outRefundNo,
      outTradeNo: refund.orderId,
      refundStatus: state.status === 'SUCCESS' ? 'SUCCESS' : `refund ${state.status}`,
      ...(state.refundId ? { refundId: state.refundId } : {}),
      ...(state.successTime ? { successTime: state.successTime } : {}),
    },
    ctx,
  );
  return true;
}

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
      if (isAwaitingConfirmation(refund.status)) {
        if (await confirmRefund(refund, ctx)) changed += 1;
        continue;
      }
      if ((await askAgain(refund, ctx)) === 'gave_up') flagged += 1;
      changed += 1;
    }
  }
  const remaining = await countRefundsToRetry(ctx.clock.now());
  return { scanned, changed, remaining, flagged };
};
