/**
 * Products and SKUs as the console manages them (`products`, `skus`, `merchants`). Every query and update
 * takes the caller's merchant scope (`{ merchantId }` for a merchant, `{}` for ops) into its conditions,
 * so another merchant's document is neither found nor changed. Status changes and stock adjustments are
 * one conditional update each: the machine's source statuses, and `available >= -delta`.
 */
import {
  type Merchant,
  merchantSchema,
  type Product,
  productSchema,
  type Sku,
  skuSchema,
} from '../../domain/catalog.schema';
import { type ProductEvent, type ProductStatus, productMachine } from '../../domain/product.machine';
import { COLLECTIONS } from '../cloudbase/collections';
import { cmd, db, getMany, isDuplicateKey, type Patch } from '../cloudbase/db';

const products = () => db().collection(COLLECTIONS.products);
const skus = () => db().collection(COLLECTIONS.skus);

/** `{ merchantId }` for a merchant, `{}` for ops (see runtime/staff-scope.ts). */
export type Scope = { readonly merchantId?: string };

/** The most SKUs one query returns (CloudBase's cap); a page of 50 products has at most 1,000. */
const SKU_QUERY_CAP = 1000;

/** `title` as a case-insensitive substring match, its special characters taken literally. */
const containing = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');

export interface ProductFilter {
  readonly title?: string | undefined;
  readonly merchantId?: string | undefined;
  readonly status?: ProductStatus | undefined;
}

/** A page of products, newest first. */
export async function findProducts(
  filter: ProductFilter,
  scope: Scope,
  page: { readonly offset: number; readonly limit: number },
): Promise<Product[]> {
  const where: Record<string, unknown> = {
    ...(filter.merchantId ? { merchantId: filter.merchantId } : {}),
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.title ? { title: containing(filter.title) } : {}),
    ...scope,
  };
  const docs = await getMany(
    products().where(where).orderBy('createdAt', 'desc').orderBy('_id', 'desc').skip(page.offset).limit(page.limit),
  );
  return docs.map((d) => productSchema.parse(d));
}

/** The SKUs of these products, oldest first, without their hold ledgers. */
export async function skusOf(productIds: readonly string[]): Promise<Sku[]> {
  if (productIds.length === 0) return [];
  const docs = await getMany(
    skus()
      .where({ productId: cmd().in([...productIds]) })
      .field({ 'stock.holds': false, [ADJUSTMENTS]: false })
      .orderBy('createdAt', 'asc')
      .orderBy('_id', 'asc')
      .limit(SKU_QUERY_CAP),
  );
  return docs.map((d) => skuSchema.parse(d));
}

/** Merchants by name: a merchant only itself, ops every one (or only those of `ids`). */
export async function findMerchants(scope: Scope, ids?: readonly string[]): Promise<Merchant[]> {
  const where = scope.merchantId ? { _id: scope.merchantId } : ids ? { _id: cmd().in([...ids]) } : {};
  const docs = await getMany(db().collection(COLLECTIONS.merchants).where(where).orderBy('name', 'asc').limit(1000));
  return docs.map((d) => merchantSchema.parse(d));
}

/**
 * Adds a product, then its SKUs. False, adding nothing, when a product with its id exists (the id is
 * derived from the request key when there is one: the same creation sent again).
 */
export async function insertProduct(product: Product, newSkus: readonly Sku[]): Promise<boolean> {
  try {
    await products().add({ data: { ...product } });
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
  await Promise.all(newSkus.map((sku) => skus().add({ data: { ...sku } })));
  return true;
}

/** Adds SKUs; one whose id exists already (added by the same request) is left as it is. */
export async function insertSkus(newSkus: readonly Sku[]): Promise<void> {
  await Promise.all(
    newSkus.map((sku) =>
      skus()
        .add({ data: { ...sku } })
        .catch((error: unknown) => {
          if (!isDuplicateKey(error)) throw error;
        }),
    ),
  );
}

/**
 * Writes a product's fields. `keepsImage` is the edit's own guard: an edit that leaves a product without
 * images applies only while it is off sale, so it cannot race 上架 into an on-sale product with none.
 */
export async function updateProduct(
  productId: string,
  scope: Scope,
  patch: Patch,
  guard: { readonly offSaleOnly: boolean },
): Promise<boolean> {
  const offSale = productMachine.transition('delisted').to;
  const { stats } = await products()
    .where({ _id: productId, ...scope, ...(guard.offSaleOnly ? { status: offSale } : {}) })
    .update({ data: patch });
  return stats.updated === 1;
}

/** A SKU's spec and price (never its stock), if it belongs to this product. */
export async function updateSku(skuId: string, productId: string, scope: Scope, patch: Patch): Promise<boolean> {
  const { stats } = await skus()
    .where({ _id: skuId, productId, ...scope })
    .update({ data: patch });
  return stats.updated === 1;
}

/**
 * 上架 / 下架 as one conditional update from the machine's source status; going on sale also needs an
 * image on the product at that moment. False when the product is not in a source status (or has no image).
 */
export async function transitionProduct(
  productId: string,
  scope: Scope,
  event: ProductEvent,
  now: number,
): Promise<boolean> {
  const _ = cmd();
  const { from, to } = productMachine.transition(event);
  const { stats } = await products()
    .where({
      _id: productId,
      ...scope,
      status: _.in(from),
      ...(event === 'listed' ? { 'images.0': _.exists(true) } : {}),
    })
    .update({ data: { status: to, updatedAt: now } });
  return stats.updated === 1;
}

/** Where a SKU keeps the request keys of the adjustments applied to it (`{ [requestKey]: { delta, at } }`). */
const ADJUSTMENTS = 'stockAdjustments';

/**
 * Adds `delta` (signed) to a SKU's available units in one conditional update: never below zero, whatever
 * races it (shoppers' holds, other adjustments), and only if no adjustment with this request key was
 * applied before (the key is written in the same update). False when either condition fails.
 */
export async function adjustAvailable(
  skuId: string,
  scope: Scope,
  adjustment: { readonly delta: number; readonly requestKey: string },
  now: number,
): Promise<boolean> {
  const _ = cmd();
  const { delta, requestKey } = adjustment;
  const { stats } = await skus()
    .where({
      _id: skuId,
      ...scope,
      'stock.available': _.gte(Math.max(0, -delta)),
      [`${ADJUSTMENTS}.${requestKey}`]: _.exists(false),
    })
    .update({
      data: { 'stock.available': _.inc(delta), [`${ADJUSTMENTS}.${requestKey}`]: { delta, at: now }, updatedAt: now },
    });
  return stats.updated === 1;
}

/** Whether an adjustment with this request key was applied to the SKU. */
export async function adjustmentApplied(skuId: string, requestKey: string): Promise<boolean> {
  const { total } = await skus()
    .where({ _id: skuId, [`${ADJUSTMENTS}.${requestKey}`]: cmd().exists(true) })
    .count();
  return total === 1;
}
