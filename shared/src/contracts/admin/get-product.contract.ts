import { idSchema } from '../../domain/common.schema';
import * as z from '../../kernel/zod';
import { defineAdminContract } from './admin-contract';
import { CATALOGUE_STAFF } from './permissions';
import { productDetailSchema } from './product.schema';

/** `getProduct` (ops, merchant: its own): a product with its SKUs and stock, and its images' addresses. */
export const getProductContract = defineAdminContract({
  name: 'getProduct',
  roles: CATALOGUE_STAFF,
  request: z.object({ productId: idSchema }),
  response: productDetailSchema,
});
