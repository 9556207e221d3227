import { idSchema } from '../../domain/common.schema';
import * as z from '../../kernel/zod';
import { defineAdminContract } from './admin-contract';
import { OPS_AND_MERCHANT } from './permissions';
import {
  initialStockSchema,
  productDetailSchema,
  productFieldsSchema,
  productImagesSchema,
  skuCountSchema,
  skuPriceSchema,
  skuSpecSchema,
  uniqueSpecs,
} from './product.schema';

/** A SKU row of the edit form: an existing SKU (`skuId`) or a new one (with its starting stock). */
export const editedSkuSchema = z
  .object({
    skuId: idSchema.optional(),
    spec: skuSpecSchema,
    price: skuPriceSchema,
    stock: initialStockSchema.optional(),
  })
  .superRefine((sku, ctx) => {
    if (sku.skuId === undefined && sku.stock === undefined) {
      ctx.addIssue({ code: 'custom', path: ['stock'], message: '请输入库存' });
    }
    if (sku.skuId !== undefined && sku.stock !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['stock'], message: '已有规格的库存请用“调整库存”修改' });
    }
  });

/**
 * `updateProduct` (ops, merchant: its own): the product's fields, its images in order (the first is the
 * cover: ones it has, or new ones uploaded into its folder), its SKUs' spec and price, and new SKUs with
 * their starting stock. SKUs are never removed (orders and activities name them), and existing SKUs'
 * stock changes only through `adjustStock`. A product on sale keeps at least one image. `requestKey` is the
 * console's id for this one save: sent again, the new SKUs it added are not added twice.
 */
export const updateProductContract = defineAdminContract({
  name: 'updateProduct',
  roles: OPS_AND_MERCHANT,
  audited: true,
  request: productFieldsSchema.extend({
    productId: idSchema,
    images: productImagesSchema,
    skus: skuCountSchema(editedSkuSchema).superRefine(uniqueSpecs),
    requestKey: z
      .string()
      .regex(/^[A-Za-z0-9-]{8,64}$/)
      .optional(),
  }),
  response: productDetailSchema,
});
