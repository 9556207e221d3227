/**
 * What the catalogue's actions share: a product as the console reads it (its SKUs and stock, its merchant's
 * name, its images with their temporary addresses), read within the caller's merchant scope, and what the
 * audit log keeps of a product.
 */
import { createHash } from 'node:crypto';
import type { ProductDetail, SkuView } from '../../contracts/admin';
import type { Product, Sku } from '../../domain/catalog.schema';
import { tempUrls } from '../cloudbase/storage';
import { merchantScope, ownsMerchant } from '../runtime/staff-scope';
import { getProduct } from '../repositories/catalog.repository';
import { findMerchants, skusOf } from '../repositories/product.repository';
import type { AdminCallContext } from '../runtime/define-http-function';

/** An id that is the same for the same request: the prefix and 24 hex digits of the key's SHA-256. */
export const keyedId = (prefix: 'P' | 'S' | 'PP', key: string): string =>
  `${prefix}${createHash('sha256').update(key).digest('hex').slice(0, 24)}`;

export const skuView = (sku: Sku): SkuView => ({
  skuId: sku._id,
  spec: sku.spec,
  price: sku.price,
  stock: {
    available: sku.stock.available,
    reserved: sku.stock.reserved,
    sold: sku.stock.sold,
    allocated: sku.stock.allocated,
  },
});

/** The product, if the caller may see it: another merchant's reads as NOT_FOUND. */
export async function ownProduct(ctx: AdminCallContext, productId: string): Promise<Product> {
  return ownsMerchant(ctx, await getProduct(productId), `product ${productId}`);
}

/** The product with its SKUs, its merchant's name and its images' addresses (one round of reads). */
export async function productDetail(ctx: AdminCallContext, product: Product): Promise<ProductDetail> {
  const [skus, merchants, imageUrl] = await Promise.all([
    skusOf([product._id]),
    findMerchants(merchantScope(ctx), [product.merchantId]),
    tempUrls(product.images, ctx.log),
  ]);
  return {
    product: {
      productId: product._id,
      merchantId: product.merchantId,
      merchantName: merchants[0]?.name ?? '',
      title: product.title,
      subtitle: product.subtitle,
      category: product.category,
      origin: product.origin,
      description: product.description,
      status: product.status,
      images: product.images.map((fileId) => ({ fileId, url: imageUrl(fileId) })),
      createdAt: product.createdAt,
      ...(product.updatedAt !== undefined ? { updatedAt: product.updatedAt } : {}),
    },
    skus: skus.map(skuView),
  };
}

/** What the audit log keeps of a product: its fields, images and SKUs (spec and price). */
export function auditedProduct(product: Product, skus: readonly Sku[]) {
  return {
    title: product.title,
    subtitle: product.subtitle,
    category: product.category,
    origin: product.origin,
    description: product.description,
    images: product.images,
    status: product.status,
    skus: skus.map((sku) => ({ skuId: sku._id, spec: sku.spec, price: sku.price })),
  };
}
