/** Registered 团长 as ops read them in the console (团长列表, 团长详情). */
import { commissionStatusSchema } from '../../domain/commission.machine';
import { districtSchema, idSchema, instantSchema, openidSchema } from '../../domain/common.schema';
import { pickupPointStatusSchema } from '../../domain/pickup-point.machine';
import { fenSchema } from '../../kernel/money';
import * as z from '../../kernel/zod';
import { leaderBalanceViewSchema } from '../withdrawal-view.schema';

/** A leader as a row of the list: who they are and the point they run. */
export const consoleLeaderSchema = z.object({
  openid: openidSchema,
  name: z.string(),
  phone: z.string(),
  community: z.string(),
  pickupPointId: idSchema,
  /** The point's name now ('' if the point is gone). */
  pickupPointName: z.string(),
  approvedAt: instantSchema,
});
export type ConsoleLeader = z.infer<typeof consoleLeaderSchema>;

/** A leader's results: their groups, what those groups sold, their commission and balance. */
export const leaderResultsSchema = z.object({
  groups: z.object({
    /** Groups they opened that went public (their opening payment made), and of those, the ones that succeeded. */
    opened: z.number().int().nonnegative(),
    succeeded: z.number().int().nonnegative(),
    /** Still forming. */
    forming: z.number().int().nonnegative(),
  }),
  /** Orders paid in the groups they opened: how many, what they paid, what was refunded of it. */
  sales: z.object({
    paidOrders: z.number().int().nonnegative(),
    paidAmount: fenSchema,
    refundedAmount: fenSchema,
  }),
  /** Their commission entries summed by status (every status, zero where they have none). */
  commission: z.array(
    z.object({ status: commissionStatusSchema, statusLabel: z.string(), amount: fenSchema, clawedBack: fenSchema }),
  ),
  balance: leaderBalanceViewSchema,
});
export type LeaderResults = z.infer<typeof leaderResultsSchema>;

export const leaderDetailSchema = z.object({
  leader: consoleLeaderSchema.extend({ applicationId: idSchema, approvedBy: z.string() }),
  /** The point they run as it is now, or null if it is gone. */
  pickupPoint: z
    .object({
      pickupPointId: idSchema,
      name: z.string(),
      district: districtSchema,
      address: z.string(),
      status: pickupPointStatusSchema,
    })
    .nullable(),
  results: leaderResultsSchema,
});
export type LeaderDetail = z.infer<typeof leaderDetailSchema>;
