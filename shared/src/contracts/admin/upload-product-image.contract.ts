import { idSchema } from '../../domain/common.schema';
import { PRODUCT_IMAGE_MAX_BYTES, PRODUCT_IMAGE_TYPES } from '../../domain/media';
import * as z from '../../kernel/zod';
import { defineAdminContract } from './admin-contract';
import { OPS_AND_MERCHANT } from './permissions';
import { productImageSchema } from './product.schema';

/**
 * `uploadProductImage` (ops, merchant: its own): `POST /admin-api/uploadProductImage?productId=<id>` with
 * the image itself as the body (JPG, PNG or WebP by its bytes, at most 4 MB). The server stores it under
 * `products/<merchantId>/<productId>/` and answers its file id and a temporary address; the image joins
 * the product when `updateProduct` lists it.
 */
export const uploadProductImageContract = defineAdminContract({
  name: 'uploadProductImage',
  roles: OPS_AND_MERCHANT,
  audited: true,
  upload: { maxBytes: PRODUCT_IMAGE_MAX_BYTES, contentTypes: PRODUCT_IMAGE_TYPES },
  request: z.object({ productId: idSchema }),
  response: productImageSchema,
});
