/**
 * The catalogue: merchants, their products, each product's SKUs with stock, and pickup points.
 * Stock is conserved: every unit is available, reserved by an unpaid order, sold, or allocated to a
 * group activity's dedicated pool, and none of these is ever negative.
 */
import { fenSchema } from '../kernel/money';
import * as z from '../kernel/zod';
import { districtSchema, geoPointSchema, idSchema, instantSchema, openidSchema } from './common.schema';

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

export const merchantSchema = z.object({
  _id: idSchema,
  name: z.string().min(1).max(60),
  district: districtSchema,
  phone: z.string().min(5).max(20),
  createdAt: instantSchema,
});
export type Merchant = z.infer<typeof merchantSchema>;

/** 上架 / 下架: a product taken down stops new groups and solo sales at once. */
export const productStatusSchema = z.enum(['on_sale', 'off_sale']);
export type ProductStatus = z.infer<typeof productStatusSchema>;

export const isProductOnSale = (product: { readonly status: ProductStatus }): boolean => product.status === 'on_sale';

export const productSchema = z.object({
  _id: idSchema,
  merchantId: idSchema,
  title: z.string().min(1).max(60),
  subtitle: z.string().max(120).default(''),
  category: z.string().min(1).max(20),
  origin: z.string().max(30).default(''),
  images: z.array(z.string().min(1)).min(1).max(9),
  status: productStatusSchema,
  createdAt: instantSchema,
});
export type Product = z.infer<typeof productSchema>;

export const skuSchema = z.object({
  _id: idSchema,
  productId: idSchema,
  merchantId: idSchema,
  spec: z.string().min(1).max(40),
  /** The normal (non-group) price. */
  price: fenSchema,
  /** Normal stock; units carved out for dedicated group pools are counted in `allocated`. */
  stock: stockSchema.extend({ allocated: count }),
  createdAt: instantSchema,
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
});
export type PickupPoint = z.infer<typeof pickupPointSchema>;
