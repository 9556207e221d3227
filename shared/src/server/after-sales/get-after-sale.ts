/** getAfterSale: one of the caller's requests; someone else's reads as missing. */
import type { getAfterSaleContract } from '../../contracts/get-after-sale.contract';
import { DomainError } from '../../kernel/errors';
import { getAfterSale as findAfterSale, getRefundOfAfterSale } from '../repositories/after-sale.repository';
import type { UseCase } from '../runtime/define-function';
import { shopperAfterSale } from './after-sale-views';

export const getAfterSale: UseCase<typeof getAfterSaleContract> = async (input, ctx) => {
  const afterSale = await findAfterSale(input.afterSaleId);
  if (!afterSale || afterSale.openid !== ctx.openid) throw new DomainError('NOT_FOUND', input.afterSaleId);
  return shopperAfterSale(afterSale, await getRefundOfAfterSale(afterSale), ctx.clock.now(), ctx.log);
};
