/**
 * listLeaderActivities (开团工具): the activities a registered 团长 can open a group of now (selling, started, not
 * ended, units left, product on sale), ending soonest first, each with what the leader pays to open (their 团长价,
 * else the group price), the group price members pay and the commission rule in one line. The leader's own pickup
 * point comes with them, so 一键开团 collects there. Anyone who is not a registered leader is refused FORBIDDEN.
 */
import { idSchema, instantSchema } from '../domain/common.schema';
import { fenSchema } from '../kernel/money';
import * as z from '../kernel/zod';
import { countSchema } from './common.schema';
import { defineContract } from './contract';

export const leaderActivitySchema = z.object({
  activityId: idSchema,
  title: z.string(),
  /** The product's first image ('' if it has none). */
  image: z.string(),
  spec: z.string(),
  /** What the leader pays for a unit when they open. */
  leaderPrice: fenSchema,
  groupPrice: fenSchema,
  soloPrice: fenSchema,
  groupSize: z.number().int().min(2),
  endAt: instantSchema,
  /** Units the activity can still sell. */
  unitsLeft: countSchema,
  /** Whether a group opened now earns the leader commission, and the rule in one line (`实付 8%，成团奖励 ¥5.00`). */
  earnsCommission: z.boolean(),
  commissionText: z.string(),
});
export type LeaderActivity = z.infer<typeof leaderActivitySchema>;

export const listLeaderActivitiesContract = defineContract({
  name: 'listLeaderActivities',
  errors: ['FORBIDDEN'],
  request: z.object({}),
  response: z.object({
    /** The point the leader runs: where their own order in a group they open is collected. */
    pickupPointId: idSchema,
    items: z.array(leaderActivitySchema),
  }),
});
