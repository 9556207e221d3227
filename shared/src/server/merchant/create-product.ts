/**
 * createProduct (ops, merchant): a product and its SKUs, off sale (下架) until it has an image and is put
 * on sale. A merchant creates for itself only; ops name an existing merchant. With a request key the
 * product's id is derived from it (and the merchant), so the same creation sent again is a duplicate the
 * database refuses: it answers the product created the first time, and nothing more is written.
 */
import type { createProductContract } from '../../contracts/admin';
import type { Product, Sku } from '../../domain/catalog.schema';
import { PRODUCT_CREATED_STATUS } from '../../domain/product.machine';
import { DomainError } from '../../kernel/errors';
import { fen } from '../../kernel/money';
import { merchantScope, staffOf } from '../runtime/staff-scope';
import { findMerchants, insertProduct } from '../repositories/product.repository';
import type { AdminUseCase } from '../runtime/define-http-function';
import { newId } from '../runtime/ids';
import { auditedProduct, keyedId, ownProduct, productDetail } from './product-views';

export const createProduct: AdminUseCase<typeof createProductContract> = async (input, ctx) => {
  const now = ctx.clock.now();
  const staff = staffOf(ctx);
  const scope = merchantScope(ctx);
  // A merchant's products are its own: naming another merchant finds nothing.
  const merchantId = scope.merchantId ?? input.merchantId;
  if (!merchantId) throw new DomainError('INVALID_ARGUMENT', `${staff.role} must name the merchant`);
  if (input.merchantId !== undefined && input.merchantId !== merchantId) {
    throw new DomainError('NOT_FOUND', `merchant ${input.merchantId}`);
  }
  const [merchant] = await findMerchants(scope, [merchantId]);
  if (!merchant) throw new DomainError('NOT_FOUND', `merchant ${merchantId}`);

  const productId = input.requestKey ? keyedId('P', `${merchantId}:${input.requestKey}`) : newId('P', now);
  const product: Product = {
    _id: productId,
    merchantId,
    title: input.title,
    subtitle: input.subtitle,
    category: input.category,
    origin: input.origin,
    description: input.description,
    images: [],
    status: PRODUCT_CREATED_STATUS,
    createdAt: now,
    updatedAt: now,
  };
  // SKUs keep the order they were entered in (they are listed by creation time).
  const skus: Sku[] = input.skus.map((sku, index) => ({
    _id: input.requestKey ? keyedId('S', `${productId}:${index}`) : newId('S', now),
    productId,
    merchantId,
    spec: sku.spec,
    price: fen(sku.price),
    stock: { available: sku.stock, reserved: 0, sold: 0, allocated: 0, holds: {} },
    createdAt: now + index,
    updatedAt: now,
  }));
  if (!(await insertProduct(product, skus))) {
    const created = await ownProduct(ctx, productId);
    await ctx.audit({ target: `product/${productId}`, after: { requestKey: input.requestKey, replayed: true } });
    return productDetail(ctx, created);
  }
  await ctx.audit({
    target: `product/${productId}`,
    after: {
      merchantId,
      ...auditedProduct(product, skus),
      stock: skus.map((s) => ({ skuId: s._id, available: s.stock.available })),
    },
  });
  return productDetail(ctx, product);
};
