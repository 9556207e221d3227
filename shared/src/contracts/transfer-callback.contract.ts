/**
 * transferCallback: WeChat Pay's MCHTRANSFER.BILL.FINISHED for a withdrawal's transfer (SUCCESS, FAIL or
 * CANCELLED), posted to its HTTP route. Verified with the platform's key and decrypted with the API v3 key by the
 * 商家转账 adapter, then applied as the payout job applies a query's answer, so a repeated or late notification
 * changes nothing.
 */
import { transferBillStates } from '../domain/withdrawal.machine';
import * as z from '../kernel/zod';
import { defineNotifyContract } from './contract';

export const TRANSFER_NOTIFY_PATH = '/wechatpay/transfer-notify';

export const transferCallbackContract = defineNotifyContract({
  name: 'transferCallback',
  path: TRANSFER_NOTIFY_PATH,
  eventType: 'MCHTRANSFER.BILL.FINISHED',
  resource: z.object({
    out_bill_no: z.string(),
    transfer_bill_no: z.string(),
    state: transferBillStates,
    mch_id: z.string().optional(),
    transfer_amount: z.number().int().optional(),
    openid: z.string().optional(),
    fail_reason: z.string().optional(),
    create_time: z.string().optional(),
    update_time: z.string().optional(),
  }),
});
