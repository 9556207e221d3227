import { idSchema } from '../../domain/common.schema';
import * as z from '../../kernel/zod';
import { defineAdminContract } from './admin-contract';
import { OPS_AND_MERCHANT } from './permissions';
import { productDetailSchema } from './product.schema';

/** `getProduct` (ops, merchant: its own): a product with its SKUs and stock, and its images' addresses. */
export const getProductContract = defineAdminContract({
  name: 'getProduct',
  roles: OPS_AND_MERCHANT,
  request: z.object({ productId: idSchema }),
  response: productDetailSchema,
});
