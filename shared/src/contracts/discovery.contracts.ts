/**
 * Contracts of discovery: listGroups (附近 / 同城 / the groups of whoever shared the card) and
 * listPickupPoints (自提点 for checkout). Coordinates come from `wx.getLocation` (GCJ-02, what WeChat maps
 * use); distances are great-circle metres.
 */
import { districtSchema, idSchema, instantSchema } from '../domain/common.schema';
import { fenSchema } from '../kernel/money';
import * as z from '../kernel/zod';
import { defineContract } from './contract';
import { publicProfileSchema } from './read.contracts';
import { userRefSchema } from './account.contracts';

/** Where the shopper is, as `wx.getLocation` reports it. */
export const coordinatesSchema = z.object({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
});
export type Coordinates = z.infer<typeof coordinatesSchema>;

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
  /** Where the leader collects. */
  district: districtSchema,
  /** From the shopper's location, for `near`. */
  distanceMeters: z.number().int().nonnegative().optional(),
});
export type GroupCard = z.infer<typeof groupCardSchema>;

export const listGroupsContract = defineContract({
  name: 'listGroups',
  /**
   * - `near`: groups whose leader collects within `radiusMeters`, nearest first.
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

export const pickupPointCardSchema = z.object({
  pickupPointId: idSchema,
  name: z.string(),
  address: z.string(),
  district: districtSchema,
  distanceMeters: z.number().int().nonnegative().optional(),
});
export type PickupPointCard = z.infer<typeof pickupPointCardSchema>;

export const listPickupPointsContract = defineContract({
  name: 'listPickupPoints',
  /** Nearest first when a location is given, else by district then name; at most 50. */
  request: z.object({ location: coordinatesSchema.optional(), district: districtSchema.optional() }),
  response: z.object({ items: z.array(pickupPointCardSchema) }),
});
