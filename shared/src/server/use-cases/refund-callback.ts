/**
 * refundCallback: CloudPay's refund notification. A successful refund moves the order from `refunding`
 * to `refunded` and records CloudPay's refund id and time; a repeat changes nothing. A refund CloudPay
 * could not complete is marked `failed` for the retry job.
 */
import { transitionOrder } from '../repositories/order.repository';
import { updateRefund } from '../repositories/payment.repository';
import type { InvocationContext } from '../runtime/call-context';
import * as z from '../../kernel/zod';

/** The decrypted `req_info` fields, flattened and camelCased (a nested `reqInfo` is accepted too). */
const refundFieldsSchema = z.looseObject({
  outRefundNo: z.string().min(1),
  outTradeNo: z.string().min(1),
  refundId: z.string().optional(),
  refundFee: z.number().int().nonnegative().optional(),
  refundStatus: z.string(),
  successTime: z.string().optional(),
});

export const refundNotificationSchema = z
  .looseObject({ reqInfo: refundFieldsSchema.optional() })
  .transform((event, ctx) => {
    const fields = refundFieldsSchema.safeParse(event.reqInfo ?? event);
    if (!fields.success) {
      for (const issue of fields.error.issues) ctx.addIssue({ ...issue, code: 'custom', message: issue.message });
      return z.NEVER;
    }
    return fields.data;
  });
export type RefundNotification = z.output<typeof refundNotificationSchema>;

export async function handleRefund(event: RefundNotification, ctx: InvocationContext): Promise<void> {
  const now = ctx.clock.now();
  if (event.refundStatus !== 'SUCCESS') {
    ctx.log.warn('refund did not complete; left for the retry job', {
      outRefundNo: event.outRefundNo,
      status: event.refundStatus,
    });
    await updateRefund(event.outRefundNo, { status: 'failed', lastError: event.refundStatus, updatedAt: now });
    return;
  }
  await updateRefund(event.outRefundNo, {
    status: 'succeeded',
    ...(event.refundId ? { refundId: event.refundId } : {}),
    ...(event.successTime ? { successTime: event.successTime } : {}),
    updatedAt: now,
  });
  await transitionOrder(event.outTradeNo, 'refund_confirmed', { refundedAt: now, updatedAt: now });
}
