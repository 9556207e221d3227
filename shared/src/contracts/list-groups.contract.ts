/**
 * listGroups: joinable groups 附近 (near the shopper), 同城 (by district), or those of whoever shared the card.
 * Coordinates come from `wx.getLocation` (GCJ-02); distances are great-circle metres.
 */
import { districtSchema, idSchema, instantSchema } from '../domain/common.schema';
import { userRefSchema } from '../domain/user.schema';
import { fenSchema } from '../kernel/money';
import * as z from '../kernel/zod';
import { coordinatesSchema, publicProfileSchema, scopedPointSchema } from './common.schema';
import { defineContract } from './contract';

const limit = z.number().int().min(1).max(20).default(10);

/** A forming group with a free seat, as a card on the home page. */
export const groupCardSchema = z.object({
  groupId: idSchema,
  activityId: idSchema,
  title: z.string(),
  spec: z.string(),
  image: z.string(),
  groupPrice: fenSchema,
  soloPrice: fenSchema,
  size: z.number().int().min(2),
  seatsLeft: z.number().int().positive(),
  deadlineAt: instantSchema,
  leader: publicProfileSchema,
  /** Where the leader collects (a 社区团's point). */
  district: districtSchema,
  /** 社区团: the pickup point every member collects at. */
  pickupPoint: scopedPointSchema.optional(),
  /** From the shopper's location to the group's place (its pickup point's, for a 社区团), for `near`. */
  distanceMeters: z.number().int().nonnegative().optional(),
});
export type GroupCard = z.infer<typeof groupCardSchema>;

export const listGroupsContract = defineContract({
  name: 'listGroups',
  /**
   * - `near`: groups whose place (a 社区团's pickup point, else where the leader collects) is within
   *   `radiusMeters`, nearest first, each with its distance.
   * - `district`: groups in a district (the picker shown when location is refused), soonest deadline first.
   * - `leader`: the groups opened by the shopper who shared the card or poster (share attribution).
   * Only joinable groups are listed: forming, before their deadline, with a free seat.
   */
  request: z.discriminatedUnion('by', [
    z.object({
      by: z.literal('near'),
      location: coordinatesSchema,
      radiusMeters: z.number().int().min(100).max(50_000).default(5_000),
      limit,
    }),
    z.object({ by: z.literal('district'), district: districtSchema, limit }),
    z.object({ by: z.literal('leader'), ref: userRefSchema, limit }),
  ]),
  response: z.object({ items: z.array(groupCardSchema) }),
});
