import { idSchema } from '../../domain/common.schema';
import * as z from '../../kernel/zod';
import { defineAdminContract } from './admin-contract';
import { OPS_AND_MERCHANT } from './permissions';
import {
  initialStockSchema,
  productDetailSchema,
  productFieldsSchema,
  skuCountSchema,
  skuPriceSchema,
  skuSpecSchema,
  uniqueSpecs,
} from './product.schema';

export const newSkuSchema = z.object({ spec: skuSpecSchema, price: skuPriceSchema, stock: initialStockSchema });

/**
 * `createProduct` (ops, merchant): a product with its SKUs (spec, solo price in fen, starting stock),
 * created off sale (下架). Its images are uploaded next (`uploadProductImage`, into the product's own
 * folder) and set with `updateProduct`. Ops name the merchant; a merchant's products are its own.
 * `requestKey` is the console's id for this one creation (one per form): sent again (a retry, a double
 * click), it creates nothing more and answers the product it created.
 */
export const createProductContract = defineAdminContract({
  name: 'createProduct',
  roles: OPS_AND_MERCHANT,
  audited: true,
  request: productFieldsSchema.extend({
    /** Whose product: required of ops; a merchant may only name itself. */
    merchantId: idSchema.optional(),
    skus: skuCountSchema(newSkuSchema).superRefine(uniqueSpecs),
    requestKey: z
      .string()
      .regex(/^[A-Za-z0-9-]{8,64}$/)
      .optional(),
  }),
  response: productDetailSchema,
});
