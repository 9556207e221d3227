/**
 * requestAfterSale: the shopper asks for after-sales on their order (仅退款, 退货退款, 换货), with a reason, a
 * description, up to 6 photos they uploaded to `after-sales/<openid>/`, and for a refund an amount (all that
 * is left when absent). Before shipping only a refund of everything is possible, and it is approved at once.
 * The same `requestKey` sent again answers the same request.
 */
import { MAX_AFTER_SALE_PHOTOS, afterSaleTypeSchema } from '../domain/after-sale.machine';
import { actionKeySchema, afterSaleReasonSchema } from '../domain/after-sale.schema';
import { idSchema } from '../domain/common.schema';
import { fenSchema } from '../kernel/money';
import * as z from '../kernel/zod';
import { afterSaleViewSchema } from './after-sale-view.schema';
import { defineContract } from './contract';

export const requestAfterSaleContract = defineContract({
  name: 'requestAfterSale',
  errors: [
    'NOT_FOUND',
    'AFTER_SALE_NOT_ALLOWED',
    'AFTER_SALE_WINDOW_CLOSED',
    'AFTER_SALE_ALREADY_OPEN',
    'REFUND_EXCEEDS_PAID',
    'UNAVAILABLE',
    'CONFLICT',
  ],
  request: z.object({
    orderId: idSchema,
    type: afterSaleTypeSchema,
    reason: afterSaleReasonSchema,
    description: z.string().trim().max(500).default(''),
    /** Cloud file ids of the photos, as `wx.cloud.uploadFile` answered them. */
    photos: z.array(z.string().min(1).max(512)).max(MAX_AFTER_SALE_PHOTOS).default([]),
    /** For a refund: how much (fen); everything left when absent. Ignored for an exchange and before shipping. */
    amount: fenSchema.refine((fen) => fen >= 1, 'at least 1 fen').optional(),
    /** The mini-program's id for this submission (one per form): sent again, it is the same request. */
    requestKey: actionKeySchema,
  }),
  response: afterSaleViewSchema,
});
