/**
 * A 团长's withdrawal as they read it (requestWithdrawal, listMyWithdrawals): the amount, where it stands in words,
 * ops' reason if declined, WeChat's if the transfer ended unpaid, and, while WeChat waits for them to confirm the
 * receipt, what the mini-program hands to `wx.requestMerchantTransfer`.
 */
import { idSchema, instantSchema } from '../domain/common.schema';
import { transferBillStates, withdrawalStatusSchema } from '../domain/withdrawal.machine';
import { fenSchema } from '../kernel/money';
import * as z from '../kernel/zod';

export { WITHDRAWAL_STATUS_LABELS, type WithdrawalStatus } from '../domain/withdrawal.machine';
export { WITHDRAWAL_LIMITS } from '../domain/withdrawal.schema';

/**
 * `wx.requestMerchantTransfer({ mchId, appId, package: packageInfo })`: the leader confirms the receipt in WeChat
 * (within 24 hours of the bill). Whether it paid is learnt by the server from WeChat, never from the page.
 */
export const transferConfirmationSchema = z.object({
  mchId: z.string(),
  appId: z.string(),
  packageInfo: z.string(),
});

export const withdrawalViewSchema = z.object({
  withdrawalId: idSchema,
  amount: fenSchema,
  status: withdrawalStatusSchema,
  statusLabel: z.string(),
  /** WeChat's last known state of the bill, once it has one. */
  billState: transferBillStates.optional(),
  /** Why ops declined it (the amount is back in the balance). */
  declineReason: z.string().optional(),
  /** Why WeChat ended the transfer unpaid (e.g. OVERDUE_CLOSE: not confirmed within 24 hours). */
  failReason: z.string().optional(),
  /** Present while WeChat waits for the leader to confirm the receipt. */
  confirmation: transferConfirmationSchema.optional(),
  createdAt: instantSchema,
  reviewedAt: instantSchema.optional(),
  transferredAt: instantSchema.optional(),
  updatedAt: instantSchema,
});
export type WithdrawalView = z.infer<typeof withdrawalViewSchema>;

/** A leader's balance by state, as `leaderBalance` computes it (getMyEarnings; ops' getLeaderDetail). */
export const leaderBalanceViewSchema = z.object({
  /** Entries made withdrawable, ever, before clawbacks. */
  withdrawableEarned: fenSchema,
  clawedBack: fenSchema,
  /** Withdrawals transferred. */
  paidOut: fenSchema,
  /** Withdrawals under way. */
  reserved: fenSchema,
  /** What may be withdrawn now; negative while clawbacks exceed it. */
  available: z.number().int(),
  /** 预估收入: earned or waiting for the group, not yet withdrawable. */
  prospective: fenSchema,
});
export type LeaderBalanceView = z.infer<typeof leaderBalanceViewSchema>;

/** The leader's money after the request (the same shape as getMyEarnings' balance), and the most they may ask now. */
export const withdrawalBalanceSchema = leaderBalanceViewSchema.extend({
  /** What one withdrawal may ask now: the available balance within what is left of today's cap (0 below ¥1). */
  maxWithdrawal: fenSchema,
  /** The least one withdrawal may ask, and the most a leader's withdrawals of one Shanghai day add up to. */
  minimum: fenSchema,
  dailyCap: fenSchema,
});
