/**
 * listPickupPoints: the 自提点 a checkout offers, nearest first when the shopper shares a location.
 */
import { districtSchema, idSchema } from '../domain/common.schema';
import * as z from '../kernel/zod';
import { coordinatesSchema } from './common.schema';
import { defineContract } from './contract';

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
