/** listMerchants (ops: all; a merchant: itself): for the console's merchant filter and picker. */
import type { listMerchantsContract } from '../../contracts/admin';
import { merchantScope } from '../runtime/staff-scope';
import { findMerchants } from '../repositories/product.repository';
import type { AdminUseCase } from '../runtime/define-http-function';

export const listMerchants: AdminUseCase<typeof listMerchantsContract> = async (_input, ctx) => {
  const merchants = await findMerchants(merchantScope(ctx));
  return { items: merchants.map((m) => ({ merchantId: m._id, name: m.name, district: m.district })) };
};
