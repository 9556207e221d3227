/**
 * refundCallback: CloudPay's refund notification (the platform calls it; shoppers cannot). Its
 * `outRefundNo` is the refund's deterministic number, `outTradeNo` the order id.
 */
import * as z from '../kernel/zod';
import { defineCallbackContract } from './contract';

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

export const refundCallbackContract = defineCallbackContract({
  name: 'refundCallback',
  notification: refundNotificationSchema,
});
