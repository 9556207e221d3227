/**
 * listProducts (ops, merchant): products newest first, filtered by title, merchant and status, within the
 * caller's scope (a merchant's filter is always itself). Two rounds of reads: the page; then its SKUs,
 * merchants' names and covers' addresses together.
 */
import type { listProductsContract, ProductListItem } from '../../contracts/admin';
import type { Sku } from '../../domain/catalog.schema';
import { tempUrls } from '../cloudbase/storage';
import { merchantScope } from '../runtime/staff-scope';
import { findMerchants, findProducts, skusOf } from '../repositories/product.repository';
import type { AdminUseCase } from '../runtime/define-http-function';

export const listProducts: AdminUseCase<typeof listProductsContract> = async (input, ctx) => {
  const scope = merchantScope(ctx);
  const found = await findProducts(input, scope, { offset: input.offset, limit: input.limit + 1 });
  const page = found.slice(0, input.limit);
  const [skus, merchants, coverUrl] = await Promise.all([
    skusOf(page.map((p) => p._id)),
    findMerchants(scope, [...new Set(page.map((p) => p.merchantId))]),
    tempUrls(
      page.flatMap((p) => p.images.slice(0, 1)),
      ctx.log,
    ),
  ]);
  const skusByProduct = new Map<string, Sku[]>();
  for (const sku of skus) skusByProduct.set(sku.productId, [...(skusByProduct.get(sku.productId) ?? []), sku]);
  const names = new Map(merchants.map((m) => [m._id, m.name]));

  const items = page.map((product): ProductListItem => {
    const own = skusByProduct.get(product._id) ?? [];
    const prices = own.map((s) => s.price);
    return {
      productId: product._id,
      merchantId: product.merchantId,
      merchantName: names.get(product.merchantId) ?? '',
      title: product.title,
      category: product.category,
      origin: product.origin,
      status: product.status,
      cover: product.images[0] ? coverUrl(product.images[0]) : '',
      imageCount: product.images.length,
      skuCount: own.length,
      minPrice: prices.length > 0 ? Math.min(...prices) : 0,
      maxPrice: prices.length > 0 ? Math.max(...prices) : 0,
      available: own.reduce((sum, s) => sum + s.stock.available, 0),
      sold: own.reduce((sum, s) => sum + s.stock.sold, 0),
      createdAt: product.createdAt,
      ...(product.updatedAt !== undefined ? { updatedAt: product.updatedAt } : {}),
    };
  });
  return { items, hasMore: found.length > input.limit };
};
