import { idSchema } from '../../domain/common.schema';
import { carrierSchema, trackingNoSchema } from '../../domain/shipment.schema';
import * as z from '../../kernel/zod';
import { defineAdminContract } from './admin-contract';
import { shipResultsSchema } from './fulfilment.schema';
import { OPS_AND_MERCHANT } from './permissions';

/** The most orders one request ships; a bigger list goes as a CSV (importShipments) or in parts. */
export const MAX_SHIP_ORDERS = 200;

/**
 * `shipOrders` (ops, merchant): express orders leave with their carrier and waybill number, one or many. Each
 * order is answered on its own: sent, sent before with the same waybill (a repeat: fine), or refused with
 * why. An order never ships twice, so sending the same request again changes nothing.
 */
export const shipOrdersContract = defineAdminContract({
  name: 'shipOrders',
  roles: OPS_AND_MERCHANT,
  audited: true,
  request: z.object({
    shipments: z
      .array(z.object({ orderId: idSchema, carrier: carrierSchema, trackingNo: trackingNoSchema }))
      .min(1)
      .max(MAX_SHIP_ORDERS)
      .refine((list) => new Set(list.map((s) => s.orderId)).size === list.length, '同一订单只能填写一个运单号'),
  }),
  response: shipResultsSchema,
});
