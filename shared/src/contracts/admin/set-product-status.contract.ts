import { idSchema } from '../../domain/common.schema';
import { productStatusSchema } from '../../domain/product.machine';
import * as z from '../../kernel/zod';
import { defineAdminContract } from './admin-contract';
import { OPS_AND_MERCHANT } from './permissions';

/**
 * `setProductStatus` (ops, merchant: its own): 上架 (`on_sale`, only with an image and a SKU:
 * PRODUCT_INCOMPLETE otherwise) or 下架 (`off_sale`: new groups and solo sales stop at once, groups already
 * forming finish). Asking for the status it already has changes nothing.
 */
export const setProductStatusContract = defineAdminContract({
  name: 'setProductStatus',
  roles: OPS_AND_MERCHANT,
  audited: true,
  request: z.object({ productId: idSchema, status: productStatusSchema }),
  response: z.object({ productId: idSchema, status: productStatusSchema, changed: z.boolean() }),
});
