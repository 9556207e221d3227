/**
 * verifyPickupAtPoint (团长中心 → 扫码核销): the 团长 checks the code a shopper brings to the point they keep: what
 * `wx.scanCode` read from the shopper's pickup QR (the six digits themselves) or the digits typed. It hands that
 * order over once; a code checked again answers when it was collected. A wrong code, or an order waiting at another
 * point, is PICKUP_CODE_INVALID and changes nothing; anyone who is not a registered leader keeping a point is
 * FORBIDDEN.
 */
import { idSchema, instantSchema } from '../domain/common.schema';
import { pickupCodeSchema } from '../domain/shipment.schema';
import * as z from '../kernel/zod';
import { defineContract } from './contract';

export const verifyPickupAtPointContract = defineContract({
  name: 'verifyPickupAtPoint',
  errors: ['FORBIDDEN', 'PICKUP_CODE_INVALID'],
  request: z.object({ code: pickupCodeSchema }),
  response: z.object({
    /** `collected` now, or `already_collected` before (at `collectedAt`). */
    outcome: z.enum(['collected', 'already_collected']),
    collectedAt: instantSchema,
    order: z.object({
      orderId: idSchema,
      /** The shopper's nickname, masked. */
      shopper: z.string(),
      title: z.string(),
      spec: z.string(),
      quantity: z.number().int().positive(),
    }),
  }),
});
