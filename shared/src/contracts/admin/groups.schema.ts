/**
 * Groups as the console sees them (the live monitor, the group search and detail, the interventions):
 * what each role is shown, and why staff act. A merchant sees its own groups only, with members' nicknames
 * masked and no openids; ops and customer service see members in full (they answer the shoppers).
 */
import { activityStatusSchema } from '../../domain/activity.machine';
import { districtSchema, idSchema, instantSchema } from '../../domain/common.schema';
import { groupStatusSchema, type GroupStatus } from '../../domain/group.machine';
import { groupInterventionBySchema } from '../../domain/group.schema';
import { notificationEventSchema, notificationStatusSchema } from '../../domain/notification';
import { orderStatusSchema } from '../../domain/order.machine';
import { orderRoleSchema } from '../../domain/order.schema';
import { refundStatusSchema } from '../../domain/refund.machine';
import { fenSchema } from '../../kernel/money';
import * as z from '../../kernel/zod';

export { ORDER_STATUS_LABELS } from '../../domain/order.machine';
export { MAX_EXTENSION_HOURS } from '../../domain/group-intervention';
export { NOTIFICATION_TEXT } from '../../domain/notification';
export { DISTRICTS } from '../../domain/common.schema';
export type { GroupStatus } from '../../domain/group.machine';
export type { OrderStatus } from '../../domain/order.machine';
export type { ActivityStatus } from '../../domain/activity.machine';

/** How the console names a group's status. */
export const GROUP_STATUS_LABELS = {
  pending: '待团长付款',
  forming: '拼团中',
  succeeded: '已成团',
  failed: '未成团',
  abandoned: '已取消',
} as const satisfies Record<GroupStatus, string>;

/** Why a member of staff intervenes: required, kept in the audit log. */
export const interventionReasonSchema = z
  .string()
  .trim()
  .min(2, '请填写原因（至少 2 个字）')
  .max(200, '原因最多 200 个字');

const countSchema = z.number().int().nonnegative();

/** A group in a list: the monitor's groups ending soon, the search's results. */
export const groupSummarySchema = z.object({
  groupId: idSchema,
  activityId: idSchema,
  merchantId: idSchema,
  title: z.string(),
  status: groupStatusSchema,
  size: z.number().int().min(2),
  seatsTaken: countSchema,
  seatsPaid: countSchema,
  district: districtSchema,
  openedAt: instantSchema,
  deadlineAt: instantSchema,
  completedBy: groupInterventionBySchema.optional(),
  closedBy: groupInterventionBySchema.optional(),
});
export type GroupSummary = z.infer<typeof groupSummarySchema>;

export const staffMemberSchema = z.object({
  /** Full for ops and customer service; masked (`张*`) for a merchant. */
  nickname: z.string(),
  avatarUrl: z.string(),
  /** Ops and customer service only. */
  openid: z.string().optional(),
  isLeader: z.boolean(),
  /** Whether their seat is paid, or only reserved (their order waits for payment). */
  paid: z.boolean(),
});

export const groupOrderSchema = z.object({
  orderId: idSchema,
  role: orderRoleSchema,
  status: orderStatusSchema,
  /** Full for ops and customer service; masked for a merchant. */
  nickname: z.string(),
  openid: z.string().optional(),
  quantity: z.number().int().min(1),
  total: fenSchema,
  createdAt: instantSchema,
  paidAt: instantSchema.optional(),
  /** CloudPay's transaction (ops and customer service only). */
  transactionId: z.string().optional(),
  closedAt: instantSchema.optional(),
  closeReason: z.string().optional(),
  /** Its refunds, oldest first: a failed or closed group's (R<orderId>), and any staff refund. */
  refunds: z.array(
    z.object({
      outRefundNo: z.string(),
      status: refundStatusSchema,
      amount: fenSchema,
      reason: z.string(),
      requestedAt: instantSchema,
      updatedAt: instantSchema,
    }),
  ),
});

export const groupMessageSchema = z.object({
  event: notificationEventSchema,
  /** The recipient, shown as members are. */
  nickname: z.string(),
  openid: z.string().optional(),
  status: notificationStatusSchema,
  createdAt: instantSchema,
  settledAt: instantSchema.optional(),
});

export const interventionOptionsSchema = z.object({
  extend: z.object({ allowed: z.boolean(), latestDeadlineAt: instantSchema }),
  close: z.object({ allowed: z.boolean() }),
  complete: z.object({
    allowed: z.boolean(),
    minPaidShare: z.number().optional(),
    paidSeatsRequired: countSchema.optional(),
  }),
});

export const groupDetailSchema = z.object({
  group: groupSummarySchema.extend({
    spec: z.string(),
    image: z.string(),
    groupPrice: fenSchema,
    soloPrice: fenSchema,
    formedAt: instantSchema.optional(),
    closedAt: instantSchema.optional(),
    /** Whether the orders of a group that ended other than by filling are all settled. */
    settled: z.boolean().optional(),
  }),
  activity: z.object({
    activityId: idSchema,
    title: z.string(),
    status: activityStatusSchema,
    endAt: instantSchema,
  }),
  /** Seat holders now: the leader first. */
  members: z.array(staffMemberSchema),
  /** Every order placed in the group, closed ones too, oldest first. */
  orders: z.array(groupOrderSchema),
  /** Subscription messages sent (or tried) to its members, newest first. */
  messages: z.array(groupMessageSchema),
  /** Messages written and not sent yet (sendNotifications runs every minute). */
  pendingMessages: z.array(z.object({ event: notificationEventSchema, at: instantSchema })),
  /** What can be done to the group now (the interventions are ops’ alone). */
  interventions: interventionOptionsSchema,
  /** True when members are shown masked (a merchant). */
  masked: z.boolean(),
});
export type GroupDetail = z.infer<typeof groupDetailSchema>;
