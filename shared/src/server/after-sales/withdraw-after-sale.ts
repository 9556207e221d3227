/**
 * withdrawAfterSale: the shopper withdraws a request before anything was sent back; it closes and the order
 * may have another. A repeated tap on a request already withdrawn answers it as it is.
 */
import type { withdrawAfterSaleContract } from '../../contracts/withdraw-after-sale.contract';
import { stepAfterSale } from '../../domain/after-sale-step';
import { afterSaleMachine } from '../../domain/after-sale.machine';
import { getRefundOfAfterSale } from '../repositories/after-sale.repository';
import type { UseCase } from '../runtime/define-function';
import { actOnAfterSale } from './after-sale-actions';
import { shopperAfterSale } from './after-sale-views';

export const withdrawAfterSale: UseCase<typeof withdrawAfterSaleContract> = async (input, ctx) => {
  const now = ctx.clock.now();
  const { afterSale } = await actOnAfterSale(
    input.afterSaleId,
    { openid: ctx.openid },
    (current) => {
      const withdrawn = current.history.at(-1)?.event === 'withdrawn';
      if (withdrawn && afterSaleMachine.isFinal(current.status)) return null;
      return stepAfterSale(current, 'withdrawn', { by: 'shopper', now, note: '用户撤销申请' });
    },
    ctx,
  );
  return shopperAfterSale(afterSale, await getRefundOfAfterSale(afterSale), now, ctx.log);
};
