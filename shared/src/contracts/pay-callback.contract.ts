/**
 * payCallback: CloudPay's payment notification (the platform calls it; shoppers cannot). Its
 * `outTradeNo` is the order id; `attach` echoes what the order told CloudPay when it asked for the prepay.
 */
import * as z from '../kernel/zod';
import { defineCallbackContract } from './contract';

export const paymentNotificationSchema = z.looseObject({
  returnCode: z.string(),
  resultCode: z.string(),
  outTradeNo: z.string().min(1),
  transactionId: z.string().min(1),
  totalFee: z.number().int().nonnegative(),
  openid: z.string().optional(),
  subOpenid: z.string().optional(),
  timeEnd: z.string(),
  attach: z.string().optional(),
});
export type PaymentNotification = z.infer<typeof paymentNotificationSchema>;

export const payCallbackContract = defineCallbackContract({
  name: 'payCallback',
  notification: paymentNotificationSchema,
});
