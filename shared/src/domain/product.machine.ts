/**
 * A product on the shelf: 上架 (`on_sale`) and 下架 (`off_sale`). A new product starts off sale and goes on
 * sale only when it is complete: at least one image (the first is its cover) and one SKU. Taking it down
 * stops new groups (openGroup) and solo sales (buySolo) at once; groups already forming finish, because
 * joining a group and paying a seat read the group, never the product.
 *
 * A product's images are storage file ids. The console uploads them through the server, which writes
 * each under the product's own folder (`products/<merchantId>/<productId>/`); a product may keep the
 * images it has (in any order) and take new ones only from its own folder, so nobody can point a product
 * at another merchant's files or at an address outside storage.
 */
import type { ErrorCode } from '../kernel/errors';
import * as z from '../kernel/zod';
import { defineMachine } from './machine';

export const productStatusSchema = z.enum(['on_sale', 'off_sale']);
export type ProductStatus = z.infer<typeof productStatusSchema>;

export const productEventSchema = z.enum(['listed', 'delisted']);
export type ProductEvent = z.infer<typeof productEventSchema>;

export const productMachine = defineMachine<ProductStatus, ProductEvent>('product', {
  off_sale: { listed: 'on_sale' },
  on_sale: { delisted: 'off_sale' },
});

/** A product is created off sale: it goes on sale once it has an image and a SKU. */
export const PRODUCT_CREATED_STATUS: ProductStatus = productMachine.transition('delisted').to;

/** The status in which a product sells. */
export const PRODUCT_SELLING_STATUS: ProductStatus = productMachine.transition('listed').to;

export const isProductOnSale = (product: { readonly status: ProductStatus }): boolean =>
  product.status === PRODUCT_SELLING_STATUS;

/** The event that takes a product to `status`. */
export const productEventTo = (status: ProductStatus): ProductEvent =>
  status === PRODUCT_SELLING_STATUS ? 'listed' : 'delisted';

export const MAX_PRODUCT_IMAGES = 9;
export const MAX_SKUS_PER_PRODUCT = 20;

/** The lengths the console's fields allow (the stored schema allows the same). */
export const PRODUCT_TEXT_LIMITS = {
  title: 60,
  subtitle: 120,
  category: 20,
  origin: 30,
  description: 2000,
  spec: 40,
} as const;

/** A SKU's price: more than nothing, at most ¥100,000. */
export const MAX_SKU_PRICE_FEN = 10_000_000;

/** Why a product cannot be (or stay) on sale: it needs an image and a SKU. */
export function listingRefusal(
  product: { readonly images: readonly string[] },
  skuCount: number,
): 'PRODUCT_INCOMPLETE' | undefined {
  return product.images.length === 0 || skuCount === 0 ? 'PRODUCT_INCOMPLETE' : undefined;
}

export const PRODUCT_SALE_REFUSALS = ['NOT_FOUND', 'PRODUCT_OFF_SALE'] as const satisfies readonly ErrorCode[];

/** Why a shopper cannot start buying the product (a new group or a solo order), or undefined. */
export function productSaleRefusal(
  product: { readonly status: ProductStatus } | null,
): (typeof PRODUCT_SALE_REFUSALS)[number] | undefined {
  if (!product) return 'NOT_FOUND';
  return isProductOnSale(product) ? undefined : 'PRODUCT_OFF_SALE';
}

/** The storage folder a product's uploaded images go into. */
export const productImageFolder = (merchantId: string, productId: string): string =>
  `products/${merchantId}/${productId}/`;

/** Whether a file id is one the server stored for this product: `cloud://<env>.<bucket>/products/<m>/<p>/<name>`. */
export function isOwnProductImage(fileId: string, merchantId: string, productId: string): boolean {
  const match = /^cloud:\/\/[^/]+\/(.+)$/.exec(fileId);
  if (!match?.[1]) return false;
  const folder = productImageFolder(merchantId, productId);
  const path = match[1];
  return path.startsWith(folder) && /^[A-Za-z0-9_-]+\.[a-z0-9]+$/.test(path.slice(folder.length));
}

/**
 * The images a product may be given: the ones it has (reordered or fewer), and new ones from its own
 * folder; no repeats, at most nine. Answers the first image that may not be used, or undefined.
 */
export function refusedImage(
  next: readonly string[],
  current: readonly string[],
  owner: { readonly merchantId: string; readonly productId: string },
): string | undefined {
  const seen = new Set<string>();
  for (const image of next) {
    if (seen.has(image)) return image;
    seen.add(image);
    if (!current.includes(image) && !isOwnProductImage(image, owner.merchantId, owner.productId)) return image;
  }
  return undefined;
}
