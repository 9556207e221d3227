/**
 * What the console's shipping actions share: the filter over 待发货, and the answer per order of a shipping
 * request (sent now, sent before the same way, refused and why, or left for the next try).
 */
import { idSchema } from '../../domain/common.schema';
import { shipRefusalSchema } from '../../domain/fulfilment';
import * as z from '../../kernel/zod';
import { countSchema } from '../common.schema';

/** The orders waiting to ship, by activity, pickup point, delivery and (for ops) merchant. */
export const toShipFilterSchema = z.object({
  activityId: idSchema.optional(),
  pickupPointId: idSchema.optional(),
  /** `address`: express orders; `pickup`: orders collected at a point. */
  delivery: z.enum(['address', 'pickup']).optional(),
  /** Ops narrow to one merchant; a merchant always sees its own. */
  merchantId: idSchema.optional(),
});

/**
 * What became of one order: `done` (it left now), `repeat` (it had left the same way: the same request
 * again, nothing changed), `refused` (with the reason), `unfinished` (the request ran out of time before
 * it: send it again).
 */
export const shipOutcomeSchema = z.enum(['done', 'repeat', 'refused', 'unfinished']);
export type ShipOutcome = z.infer<typeof shipOutcomeSchema>;

export const shipResultSchema = z.object({
  orderId: z.string(),
  outcome: shipOutcomeSchema,
  reason: shipRefusalSchema.optional(),
  /** The reason as staff read it. */
  reasonLabel: z.string().optional(),
});
export type ShipResult = z.infer<typeof shipResultSchema>;

/** Every order's result, and how many came to each outcome. */
export const shipResultsSchema = z.object({
  results: z.array(shipResultSchema),
  done: countSchema,
  repeated: countSchema,
  refused: countSchema,
  unfinished: countSchema,
});
export type ShipResults = z.infer<typeof shipResultsSchema>;
