/** 团长 withdrawals as ops read and act on them in the console. */
import { actionKeySchema } from '../../domain/after-sale.schema';
import { idSchema, instantSchema } from '../../domain/common.schema';
import { declineReasonSchema } from '../../domain/leader.schema';
import { transferBillStates, withdrawalStatusSchema } from '../../domain/withdrawal.machine';
import { fenSchema } from '../../kernel/money';
import * as z from '../../kernel/zod';

export {
  TRANSFER_BILL_STATE_LABELS,
  type TransferBillState,
  WITHDRAWAL_STATUS_LABELS,
  type WithdrawalStatus,
} from '../../domain/withdrawal.machine';

export const withdrawalActionSchema = z.enum(['approve', 'decline', 'retry']);

export const consoleWithdrawalSchema = z.object({
  withdrawalId: idSchema,
  leaderOpenid: z.string(),
  /** The leader's name, as registered (absent if the leader document is gone). */
  leaderName: z.string().optional(),
  amount: fenSchema,
  status: withdrawalStatusSchema,
  statusLabel: z.string(),
  /** WeChat's `out_bill_no` (the withdrawal's id, the same on every attempt) and its own number, once it has one. */
  outBillNo: z.string(),
  transferBillNo: z.string().optional(),
  billState: transferBillStates.optional(),
  declineReason: z.string().optional(),
  reviewedBy: z.string().optional(),
  reviewedAt: instantSchema.optional(),
  /** Failed attempts to ask WeChat, the last one's reason, and when the payout job looks again. */
  attempts: z.number().int().nonnegative(),
  lastError: z.string().optional(),
  nextAttemptAt: instantSchema,
  /** Why WeChat ended the bill unpaid. */
  failReason: z.string().optional(),
  flaggedAt: instantSchema.optional(),
  transferredAt: instantSchema.optional(),
  createdAt: instantSchema,
  updatedAt: instantSchema,
  /** What ops may do now. */
  actions: z.array(withdrawalActionSchema),
});
export type ConsoleWithdrawal = z.infer<typeof consoleWithdrawalSchema>;

/** An action on one withdrawal: its id and the console's key for it (one per dialog). */
export const withdrawalActionRequestSchema = z.object({ withdrawalId: idSchema, requestKey: actionKeySchema });
export const withdrawalDeclineRequestSchema = withdrawalActionRequestSchema.extend({ reason: declineReasonSchema });
export const withdrawalActionResponseSchema = z.object({ withdrawal: consoleWithdrawalSchema });
