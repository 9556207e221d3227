/** listSkuChoices (ops, merchant): SKUs a new activity can use, the merchant's own only; two queries. */
import type { listSkuChoicesContract } from '../../contracts/admin';
import { merchantScope } from '../runtime/staff-scope';
import { skuChoices } from '../repositories/activity-admin.repository';
import type { AdminUseCase } from '../runtime/define-http-function';

export const listSkuChoices: AdminUseCase<typeof listSkuChoicesContract> = async (input, ctx) => {
  const found = await skuChoices({ ...merchantScope(ctx), keyword: input.keyword }, input.limit);
  return {
    items: found.map(({ product, sku }) => ({
      skuId: sku._id,
      productId: product._id,
      merchantId: sku.merchantId,
      productTitle: product.title,
      productStatus: product.status,
      spec: sku.spec,
      price: sku.price,
      available: sku.stock.available,
      allocated: sku.stock.allocated,
    })),
  };
};
