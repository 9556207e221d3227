/** getProduct (ops, merchant: its own): a product with its SKUs, stock and images, for the edit form. */
import type { getProductContract } from '../../contracts/admin';
import type { AdminUseCase } from '../runtime/define-http-function';
import { ownProduct, productDetail } from './product-views';

export const getProduct: AdminUseCase<typeof getProductContract> = async (input, ctx) =>
  productDetail(ctx, await ownProduct(ctx, input.productId));
