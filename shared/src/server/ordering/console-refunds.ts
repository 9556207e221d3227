/** How the console shows an order's refunds (the order detail, the refund actions, after-sales). */
import type { ConsoleRefund } from '../../contracts/admin';
import type { Refund } from '../../domain/refund.schema';

export const consoleRefund = (refund: Refund): ConsoleRefund => ({
  outRefundNo: refund.outRefundNo,
  amount: refund.amount,
  status: refund.status,
  reason: refund.reason,
  requestedBy: refund.requestedBy ?? 'system',
  attempts: refund.attempts,
  ...(refund.lastError ? { lastError: refund.lastError } : {}),
  ...(refund.offlineReference ? { offlineReference: refund.offlineReference } : {}),
  createdAt: refund.createdAt,
  updatedAt: refund.updatedAt,
});
