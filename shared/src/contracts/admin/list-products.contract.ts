import { idSchema, instantSchema } from '../../domain/common.schema';
import { productStatusSchema } from '../../domain/product.machine';
import * as z from '../../kernel/zod';
import { defineAdminContract } from './admin-contract';
import { OPS_AND_MERCHANT } from './permissions';

const countSchema = z.number().int().nonnegative();

export const productListItemSchema = z.object({
  productId: idSchema,
  merchantId: idSchema,
  merchantName: z.string(),
  title: z.string(),
  category: z.string(),
  origin: z.string(),
  status: productStatusSchema,
  /** The cover's temporary address ('' without images). */
  cover: z.string(),
  imageCount: countSchema,
  skuCount: countSchema,
  /** The SKUs' lowest and highest solo prices (fen); 0 without SKUs. */
  minPrice: countSchema,
  maxPrice: countSchema,
  /** Units available and sold over its SKUs. */
  available: countSchema,
  sold: countSchema,
  createdAt: instantSchema,
  updatedAt: instantSchema.optional(),
});
export type ProductListItem = z.infer<typeof productListItemSchema>;

/**
 * `listProducts` (ops, merchant): products newest first, by title (any part of it), merchant (ops only:
 * a merchant always sees its own) and status, a page at a time.
 */
export const listProductsContract = defineAdminContract({
  name: 'listProducts',
  roles: OPS_AND_MERCHANT,
  request: z.object({
    title: z.string().trim().max(60).optional(),
    merchantId: idSchema.optional(),
    status: productStatusSchema.optional(),
    limit: z.number().int().min(1).max(50).default(20),
    offset: z.number().int().min(0).max(10_000).default(0),
  }),
  response: z.object({ items: z.array(productListItemSchema), hasMore: z.boolean() }),
});
