/** How an order reaches the shopper: collected at a pickup point (自提), or delivered to an address. */
import * as z from '../kernel/zod';
import { districtSchema, geoPointSchema, idSchema, shownTextSchema } from './common.schema';

export const pickupDeliverySchema = z.object({
  kind: z.literal('pickup'),
  pickupPointId: idSchema,
});

export const addressDeliverySchema = z.object({
  kind: z.literal('address'),
  name: shownTextSchema(32),
  phone: z.string().regex(/^1\d{10}$/, 'a mainland mobile number'),
  district: districtSchema,
  detail: shownTextSchema(120),
  /** Where the address is, when the shopper picked it on a map; needed for radius-scoped activities. */
  location: geoPointSchema.optional(),
});

/** What the shopper sends. */
export const deliveryRequestSchema = z.discriminatedUnion('kind', [pickupDeliverySchema, addressDeliverySchema]);
export type DeliveryRequest = z.infer<typeof deliveryRequestSchema>;

/** What the order keeps: the request resolved on the server (a pickup point's name, place and location). */
export const deliverySchema = z.discriminatedUnion('kind', [
  pickupDeliverySchema.extend({
    name: z.string(),
    address: z.string(),
    district: districtSchema,
    location: geoPointSchema,
  }),
  addressDeliverySchema,
]);
export type Delivery = z.infer<typeof deliverySchema>;
