/** buySolo: buying a SKU alone at its normal price, from its normal stock; no group. */
import type { buySoloContract } from '../../contracts/buy-solo.contract';
import { productSaleRefusal } from '../../domain/product.machine';
import { DomainError } from '../../kernel/errors';
import { fen, times } from '../../kernel/money';
import { getProduct, getSku } from '../repositories/catalog.repository';
import type { UseCase } from '../runtime/define-function';
import { draftOrder, placeOrder, resolveDelivery } from './order-placement';

/** A solo order's size cap: normal purchases have no activity limits, but one order stays sane. */
export const SOLO_ORDER_LIMIT = 20;

export const buySolo: UseCase<typeof buySoloContract> = async (input, ctx) => {
  const now = ctx.clock.now();
  if (input.quantity > SOLO_ORDER_LIMIT) throw new DomainError('LIMIT_EXCEEDED', `at most ${SOLO_ORDER_LIMIT}`);
  const sku = await getSku(input.skuId);
  if (!sku) throw new DomainError('NOT_FOUND', `sku ${input.skuId}`);
  const [product, delivery] = await Promise.all([getProduct(sku.productId), resolveDelivery(input.delivery)]);
  const refusal = productSaleRefusal(product);
  if (refusal || !product) throw new DomainError(refusal ?? 'NOT_FOUND', `product ${sku.productId}`);

  const unitPrice = fen(sku.price);
  const total = times(unitPrice, input.quantity);
  const order = draftOrder(
    {
      openid: ctx.openid,
      role: 'solo',
      skuId: sku._id,
      productId: product._id,
      merchantId: sku.merchantId,
      title: product.title,
      spec: sku.spec,
      price: { unitPrice, quantity: input.quantity, total },
      stockMode: 'shared',
      delivery,
    },
    now,
  );
  const orderId = order._id;
  const payment = await placeOrder({ order }, now);
  return { orderId, total, payment };
};
