/**
 * setProductStatus (ops, merchant: its own): 上架 or 下架, one conditional update from the machine's
 * source status (going on sale also needs an image at that moment, and a SKU). Taking a product down
 * stops openGroup and buySolo at once; joinGroup and seat payments read the group, so groups already
 * forming finish. Asking for the status it has changes nothing (and says so).
 */
import type { setProductStatusContract } from '../../contracts/admin';
import { listingRefusal, productEventTo } from '../../domain/product.machine';
import { DomainError } from '../../kernel/errors';
import { merchantScope } from '../runtime/staff-scope';
import { getProduct as readProduct } from '../repositories/catalog.repository';
import { skusOf, transitionProduct } from '../repositories/product.repository';
import type { AdminUseCase } from '../runtime/define-http-function';
import { ownProduct } from './product-views';

export const setProductStatus: AdminUseCase<typeof setProductStatusContract> = async (input, ctx) => {
  const product = await ownProduct(ctx, input.productId);
  const target = `product/${product._id}`;
  const unchanged = async () => {
    await ctx.audit({ target, before: { status: product.status }, after: { status: input.status, changed: false } });
    return { productId: product._id, status: input.status, changed: false };
  };
  if (product.status === input.status) return unchanged();

  const event = productEventTo(input.status);
  if (event === 'listed') {
    const refusal = listingRefusal(product, (await skusOf([product._id])).length);
    if (refusal) throw new DomainError(refusal, target);
  }
  if (!(await transitionProduct(product._id, merchantScope(ctx), event, ctx.clock.now()))) {
    const latest = await readProduct(product._id);
    if (latest?.status === input.status) return unchanged();
    throw new DomainError(latest && latest.images.length === 0 ? 'PRODUCT_INCOMPLETE' : 'CONFLICT', target);
  }
  await ctx.audit({ target, before: { status: product.status }, after: { status: input.status } });
  return { productId: product._id, status: input.status, changed: true };
};
