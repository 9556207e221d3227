/**
 * getAfterSaleDetail (console): one request in full (its photos as temporary addresses, its parcels, its
 * history with who acted), its order and its refund. Another merchant's request reads as missing.
 */
import type { getAfterSaleDetailContract } from '../../contracts/admin';
import { DomainError } from '../../kernel/errors';
import { ownsMerchant } from '../runtime/staff-scope';
import { consoleOrder } from '../ordering/console-orders';
import { consoleRefund } from '../ordering/console-refunds';
import { getAfterSale, getRefundOfAfterSale } from '../repositories/after-sale.repository';
import { getOrder } from '../repositories/order.repository';
import type { AdminUseCase } from '../runtime/define-http-function';
import { consoleAfterSaleDetail } from './after-sale-views';

export const getAfterSaleDetail: AdminUseCase<typeof getAfterSaleDetailContract> = async (input, ctx) => {
  const afterSale = ownsMerchant(ctx, await getAfterSale(input.afterSaleId), `after-sale ${input.afterSaleId}`);
  const [order, refund, detail] = await Promise.all([
    getOrder(afterSale.orderId),
    getRefundOfAfterSale(afterSale),
    consoleAfterSaleDetail(afterSale, ctx.log),
  ]);
  if (!order) throw new DomainError('NOT_FOUND', `order ${afterSale.orderId}`);
  return { afterSale: detail, order: consoleOrder(order), ...(refund ? { refund: consoleRefund(refund) } : {}) };
};
