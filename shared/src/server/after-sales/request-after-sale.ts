/**
 * requestAfterSale: the shopper's request on their order. Its photos must be their own after-sales uploads
 * in this environment, stored; then one transaction writes the request and the order's `openAfterSaleId`,
 * conditional on what the order then is (its status, its window, no other request open), so it races
 * correctly with the order's completion, its shipping and a second request. Before shipping the request is
 * approved at once and its refund (everything left) recorded in the same transaction: the order becomes
 * `refunding` and leaves the picking list. The same key sent again answers the same request.
 */
import type { requestAfterSaleContract } from '../../contracts/request-after-sale.contract';
import { decideAfterSaleSubmission } from '../../domain/after-sale-step';
import { refusedAfterSalePhoto } from '../../domain/after-sale.schema';
import { DomainError } from '../../kernel/errors';
import { missingFiles } from '../cloudbase/storage';
import { askForNewRefund } from '../payments/refunds';
import { getRefundOfAfterSale, submitAfterSale } from '../repositories/after-sale.repository';
import type { UseCase } from '../runtime/define-function';
import { shopperAfterSale } from './after-sale-views';

export const requestAfterSale: UseCase<typeof requestAfterSaleContract> = async (input, ctx) => {
  const now = ctx.clock.now();
  const refused = refusedAfterSalePhoto(input.photos, ctx.wx.env, ctx.openid);
  if (refused !== undefined) throw new DomainError('INVALID_ARGUMENT', `photo ${refused}`);
  const missing = input.photos.length > 0 ? await missingFiles(input.photos, ctx.log) : [];
  if (missing.length > 0) throw new DomainError('INVALID_ARGUMENT', `photo not stored: ${missing.join(', ')}`);

  const submitted = await submitAfterSale(input.orderId, ctx.openid, input.requestKey, (order) => {
    const decided = decideAfterSaleSubmission(order, input, now);
    if (typeof decided === 'string') throw new DomainError(decided, `order ${order._id} is ${order.status}`);
    return decided;
  });
  if (submitted.fresh && submitted.refund) await askForNewRefund(submitted.refund, ctx);
  const refund = await getRefundOfAfterSale(submitted.afterSale);
  return shopperAfterSale(submitted.afterSale, refund, now, ctx.log);
};
