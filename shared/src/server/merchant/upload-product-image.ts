/**
 * uploadProductImage (ops, merchant: its own): stores an image the console sent (already checked by the
 * runtime: at most 4 MB, JPG, PNG or WebP by its bytes) under `products/<merchantId>/<productId>/` with a
 * random name, and answers its file id and a temporary address. The product lists it once updateProduct
 * is saved with it; an image never saved stays in storage unlisted.
 */
import { randomBytes } from 'node:crypto';
import type { uploadProductImageContract } from '../../contracts/admin';
import { IMAGE_TYPES } from '../../domain/media';
import { productImageFolder } from '../../domain/product.machine';
import { DomainError } from '../../kernel/errors';
import { tempUrls, uploadFile } from '../cloudbase/storage';
import type { AdminUseCase } from '../runtime/define-http-function';
import { ownProduct } from './product-views';

export const uploadProductImage: AdminUseCase<typeof uploadProductImageContract> = async (input, ctx) => {
  const file = ctx.upload;
  if (!file) throw new DomainError('INVALID_ARGUMENT', 'no file');
  const product = await ownProduct(ctx, input.productId);
  const name = `${randomBytes(12).toString('hex')}.${IMAGE_TYPES[file.contentType].extension}`;
  const fileId = await uploadFile(`${productImageFolder(product.merchantId, product._id)}${name}`, file.bytes);
  const url = (await tempUrls([fileId], ctx.log))(fileId);
  await ctx.audit({
    target: `product/${product._id}`,
    after: { uploaded: fileId, contentType: file.contentType, bytes: file.size },
  });
  return { fileId, url };
};
