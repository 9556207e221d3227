/**
 * A group document. `memberOpenids` holds everyone with a seat (reserved or paid, leader first) and
 * `paidOpenids` those who paid: seats are taken and paid with conditional updates on these arrays and
 * counters, so a group can never hold more than `size` seats.
 */
import { fenSchema } from '../kernel/money';
import * as z from '../kernel/zod';
import { activityScopeSchema, stockModeSchema } from './activity.schema';
import { districtSchema, geoPointSchema, idSchema, instantSchema, openidSchema } from './common.schema';
import { groupStatusSchema } from './group.machine';
import { outboxEntrySchema } from './notification';

/** Who ended a group other than its shoppers and its deadline: the platform (ops, 运营干预). */
export const groupInterventionBySchema = z.enum(['platform']);
export type GroupInterventionBy = z.infer<typeof groupInterventionBySchema>;
export const BY_PLATFORM: GroupInterventionBy = 'platform';

export const groupSchema = z.object({
  _id: idSchema,
  activityId: idSchema,
  skuId: idSchema,
  productId: idSchema,
  merchantId: idSchema,
  title: z.string(),
  status: groupStatusSchema,
  size: z.number().int().min(2).max(50),
  leaderOpenid: openidSchema,
  memberOpenids: z.array(openidSchema),
  paidOpenids: z.array(openidSchema),
  seatsTaken: z.number().int().nonnegative(),
  seatsPaid: z.number().int().nonnegative(),
  /** Prices as they were when the group opened: every member pays what was advertised. */
  groupPrice: fenSchema,
  soloPrice: fenSchema,
  spec: z.string(),
  /** The product's first image when the group opened: what the group page and its share card show. */
  image: z.string().optional(),
  perOrderLimit: z.number().int().min(1),
  perUserLimit: z.number().int().min(1),
  stockMode: stockModeSchema,
  scope: activityScopeSchema.optional(),
  newCustomerOnly: z.boolean(),
  /**
   * 社区团: the pickup point every member collects at (the activity's scope names it), copied with its name when the
   * group opened, so discovery shows it; the group's district and location are the point's.
   */
  pickupPoint: z.object({ pickupPointId: idSchema, name: z.string() }).optional(),
  /** Where the leader collects: what 同城 / 社区 discovery searches. */
  district: districtSchema,
  location: geoPointSchema.optional(),
  openedAt: instantSchema,
  deadlineAt: instantSchema,
  formedAt: instantSchema.optional(),
  closedAt: instantSchema.optional(),
  /**
   * Whether the orders of a group that ended other than by filling (failed, closed by ops, completed by
   * the platform) are all settled: false until they are, so a run that died halfway is finished later.
   */
  settled: z.boolean().optional(),
  /** 平台成团: ops completed the group with the members it had (成团保障); every member's page says so. */
  completedBy: groupInterventionBySchema.optional(),
  /** Ops closed the group before its deadline (its paid members are refunded). */
  closedBy: groupInterventionBySchema.optional(),
  /** Messages this group's state changes caused, waiting for sendNotifications. */
  outbox: z.array(outboxEntrySchema).default([]),
  outboxPending: z.boolean().optional(),
  /** The 1-hour reminder was written. */
  reminded: z.boolean().optional(),
  updatedAt: instantSchema,
});
export type Group = z.infer<typeof groupSchema>;
