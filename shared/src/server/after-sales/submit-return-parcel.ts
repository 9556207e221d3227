/**
 * submitReturnParcel: the shopper's return is on its way (carrier and waybill), within its 7 days; after
 * them the request has closed (or is about to: the timed job closes it) and the parcel is refused. The same
 * parcel sent again answers the request as it is.
 */
import type { submitReturnParcelContract } from '../../contracts/submit-return-parcel.contract';
import { returnStillOpen, stepAfterSale } from '../../domain/after-sale-step';
import { getRefundOfAfterSale } from '../repositories/after-sale.repository';
import type { UseCase } from '../runtime/define-function';
import { actOnAfterSale } from './after-sale-actions';
import { shopperAfterSale } from './after-sale-views';

export const submitReturnParcel: UseCase<typeof submitReturnParcelContract> = async (input, ctx) => {
  const now = ctx.clock.now();
  const { afterSale } = await actOnAfterSale(
    input.afterSaleId,
    { openid: ctx.openid },
    (current) => {
      const sent = current.returnParcel;
      if (sent && sent.carrier === input.carrier && sent.trackingNo === input.trackingNo) return null;
      if (!returnStillOpen(current, now)) return 'AFTER_SALE_NOT_ACTIONABLE';
      const returnParcel = { carrier: input.carrier, trackingNo: input.trackingNo, shippedAt: now, by: 'shopper' };
      return stepAfterSale(current, 'return_sent', { by: 'shopper', now, set: { returnParcel } });
    },
    ctx,
  );
  return shopperAfterSale(afterSale, await getRefundOfAfterSale(afterSale), now, ctx.log);
};
