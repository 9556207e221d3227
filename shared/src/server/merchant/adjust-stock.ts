/**
 * adjustStock (ops, merchant: its own): a signed change to a SKU's available units, with a reason. One
 * conditional update (`available >= -delta`), never read then write: adjustments racing each other and
 * shoppers' orders keep every unit counted and `available` never below zero; units held or sold are never
 * taken. The audit entry keeps the delta, the reason and the available units read just before and just
 * after (other moves may fall between). The request key is written by the same update, so a request sent
 * again changes nothing (and says so: `replayed`, audited as such).
 */
import type { adjustStockContract } from '../../contracts/admin';
import { stockAdjustmentRefusal } from '../../domain/catalog.schema';
import { DomainError } from '../../kernel/errors';
import { merchantScope, ownsMerchant } from '../runtime/staff-scope';
import { getSku } from '../repositories/catalog.repository';
import { adjustAvailable, adjustmentApplied } from '../repositories/product.repository';
import type { AdminUseCase } from '../runtime/define-http-function';
import { skuView } from './product-views';

export const adjustStock: AdminUseCase<typeof adjustStockContract> = async (input, ctx) => {
  const sku = ownsMerchant(ctx, await getSku(input.skuId), `sku ${input.skuId}`);
  const { delta, requestKey } = input;
  const target = `sku/${sku._id}`;
  const applied =
    stockAdjustmentRefusal(sku.stock, delta) === undefined &&
    (await adjustAvailable(sku._id, merchantScope(ctx), { delta, requestKey }, ctx.clock.now()));
  if (!applied) {
    // Refused, or applied before under this key (then nothing changes a second time).
    if (!(await adjustmentApplied(sku._id, requestKey))) {
      throw new DomainError('OUT_OF_STOCK', `sku ${sku._id}: ${delta}`);
    }
    await ctx.audit({ target, after: { delta, reason: input.reason, requestKey, replayed: true } });
    return { skuId: sku._id, stock: skuView(sku).stock, replayed: true };
  }
  const after = (await getSku(sku._id)) ?? sku;
  await ctx.audit({
    target,
    before: { available: sku.stock.available },
    after: { available: after.stock.available, delta, reason: input.reason, requestKey },
  });
  return { skuId: sku._id, stock: skuView(after).stock, replayed: false };
};
