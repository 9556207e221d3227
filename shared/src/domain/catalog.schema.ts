/**
 * The catalogue: merchants, their products, each product's SKUs with stock, and pickup points.
 * Stock is conserved: every unit is available, reserved by an unpaid order, sold, or allocated to a
 * group activity's dedicated pool, and none of these is ever negative.
 */
import { fenSchema } from '../kernel/money';
import * as z from '../kernel/zod';
import { districtSchema, geoPointSchema, idSchema, instantSchema, openidSchema } from './common.schema';
import { PICKUP_POINT_OPEN_STATUS, pickupPointStatusSchema } from './pickup-point.machine';
import { MAX_PRODUCT_IMAGES, PRODUCT_TEXT_LIMITS, productStatusSchema } from './product.machine';

export { isProductOnSale, productStatusSchema, type ProductStatus } from './product.machine';

const count = z.number().int().nonnegative();

export const stockSchema = z.object({
  available: count,
  reserved: count,
  sold: count,
  /**
   * Units reserved per order id. Reserving and releasing go through this ledger, so each is done at most
   * once per order whatever retries or crashes happen: a release without a hold changes nothing.
   */
  holds: z.record(z.string(), z.number().int().positive()).optional(),
});
export type Stock = z.infer<typeof stockSchema>;

/** The most one stock adjustment may add or take away. */
export const MAX_STOCK_ADJUSTMENT = 100_000;

/**
 * Staff adjust a SKU's stock by a signed amount (入库 +, 盘亏 −) on its available units only: units held
 * by unpaid orders or sold are never taken back, so an adjustment that would leave `available` below
 * zero is refused. The server applies it as one conditional update (`available >= -delta`), never read
 * then write, so adjustments racing each other and shoppers' orders keep stock conserved.
 */
export function stockAdjustmentRefusal(stock: Pick<Stock, 'available'>, delta: number): 'OUT_OF_STOCK' | undefined {
  return stock.available + delta < 0 ? 'OUT_OF_STOCK' : undefined;
}

export const merchantSchema = z.object({
  _id: idSchema,
  name: z.string().min(1).max(60),
  district: districtSchema,
  phone: z.string().min(5).max(20),
  createdAt: instantSchema,
});
export type Merchant = z.infer<typeof merchantSchema>;

/**
 * A product (商品). 上架 / 下架 (`status`, product.machine.ts): a product taken down stops new groups and
 * solo sales at once. `images` are storage file ids, the first the cover; a product off sale may have none
 * yet (it is created first, then its images are uploaded into its folder), one on sale has at least one.
 */
export const productSchema = z.object({
  _id: idSchema,
  merchantId: idSchema,
  title: z.string().min(1).max(PRODUCT_TEXT_LIMITS.title),
  subtitle: z.string().max(PRODUCT_TEXT_LIMITS.subtitle).default(''),
  category: z.string().min(1).max(PRODUCT_TEXT_LIMITS.category),
  origin: z.string().max(PRODUCT_TEXT_LIMITS.origin).default(''),
  description: z.string().max(PRODUCT_TEXT_LIMITS.description).default(''),
  images: z.array(z.string().min(1)).max(MAX_PRODUCT_IMAGES),
  status: productStatusSchema,
  createdAt: instantSchema,
  updatedAt: instantSchema.optional(),
});
export type Product = z.infer<typeof productSchema>;

export const skuSchema = z.object({
  _id: idSchema,
  productId: idSchema,
  merchantId: idSchema,
  spec: z.string().min(1).max(PRODUCT_TEXT_LIMITS.spec),
  /** The normal (non-group) price. */
  price: fenSchema,
  /** Normal stock; units carved out for dedicated group pools are counted in `allocated`. */
  stock: stockSchema.extend({ allocated: count }),
  createdAt: instantSchema,
  updatedAt: instantSchema.optional(),
});
export type Sku = z.infer<typeof skuSchema>;

export const pickupPointSchema = z.object({
  _id: idSchema,
  name: z.string().min(1).max(40),
  district: districtSchema,
  address: z.string().min(1).max(120),
  location: geoPointSchema,
  /** The community shop or parcel station's owner, who may act as 团长. */
  keeperOpenid: openidSchema.optional(),
  openHours: z.string().max(40).default(''),
  /** Who answers for the point, and their number (a mobile or a landline with its area code). */
  contactName: z.string().max(20).default(''),
  contactPhone: z.string().max(20).default(''),
  /** Deactivated points are not offered at checkout; points stored before statuses existed are active. */
  status: pickupPointStatusSchema.default(PICKUP_POINT_OPEN_STATUS),
  createdAt: instantSchema.optional(),
  updatedAt: instantSchema.optional(),
});
export type PickupPoint = z.infer<typeof pickupPointSchema>;
