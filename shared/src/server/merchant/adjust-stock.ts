/**
 * adjustStock (ops, merchant: its own): a signed change to a SKU's available units, with a reason. One
 * conditional update (`available >= -delta`), never read then write: adjustments racing each other and
 * shoppers' orders keep every unit counted and `available` never below zero; units held or sold are never
 * taken. The audit entry keeps the delta, the reason and the available units read just before and just
 * after (other moves may fall between).
 */
import type { adjustStockContract } from '../../contracts/admin';
import { stockAdjustmentRefusal } from '../../domain/catalog.schema';
import { DomainError } from '../../kernel/errors';
import { merchantScope, ownsMerchant } from '../console/staff-scope';
import { getSku } from '../repositories/catalog.repository';
import { adjustAvailable } from '../repositories/product.repository';
import type { AdminUseCase } from '../runtime/define-http-function';
import { skuView } from './product-views';

export const adjustStock: AdminUseCase<typeof adjustStockContract> = async (input, ctx) => {
  const sku = ownsMerchant(ctx, await getSku(input.skuId), `sku ${input.skuId}`);
  // Refused at once when it already cannot apply; otherwise the conditional update decides.
  const refusal = stockAdjustmentRefusal(sku.stock, input.delta);
  if (refusal || !(await adjustAvailable(sku._id, merchantScope(ctx), input.delta, ctx.clock.now()))) {
    throw new DomainError(refusal ?? 'OUT_OF_STOCK', `sku ${sku._id}: ${input.delta}`);
  }
  const after = (await getSku(sku._id)) ?? sku;
  await ctx.audit({
    target: `sku/${sku._id}`,
    before: { available: sku.stock.available },
    after: { available: after.stock.available, delta: input.delta, reason: input.reason },
  });
  return { skuId: sku._id, stock: skuView(after).stock };
};
