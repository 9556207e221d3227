/**
 * createActivity (ops, merchant): a draft on one of the merchant's SKUs. A dedicated pool is carved from the
 * SKU in the same transaction that creates the activity (SKU available −N, allocated +N; pool available N),
 * so the units are never counted twice nor lost, whatever shoppers do to the SKU meanwhile. A 社区团's point must
 * exist and be active.
 */
import type { createActivityContract } from '../../contracts/admin';
import { poolPlan } from '../../domain/activity-edit';
import { ACTIVITY_CREATED_STATUS } from '../../domain/activity.machine';
import { type Activity, activitySchema } from '../../domain/activity.schema';
import { DomainError } from '../../kernel/errors';
import { ownsMerchant } from '../runtime/staff-scope';
import { insertActivity } from '../repositories/activity-admin.repository';
import type { AdminUseCase } from '../runtime/define-http-function';
import { newId } from '../runtime/ids';
import { activityTarget, auditedActivity, checkScopedPoint, readConsoleActivity } from './activity-console';

export const createActivity: AdminUseCase<typeof createActivityContract> = async (input, ctx) => {
  const now = ctx.clock.now();
  const activityId = newId('A', now);
  const { skuId, poolSize, ...rules } = input;
  await checkScopedPoint(rules.scope);
  const created = await insertActivity(skuId, (found) => {
    const sku = ownsMerchant(ctx, found, `sku ${skuId}`);
    const plan = poolPlan(
      { status: ACTIVITY_CREATED_STATUS, stockMode: 'shared' },
      { stockMode: rules.stockMode, poolSize },
      sku.stock.available,
    );
    if (!plan.ok) throw new DomainError(plan.outOfStock ? 'OUT_OF_STOCK' : 'CONFLICT', plan.issue.message);
    const carved = plan.pool === 'create' ? plan.delta : undefined;
    // The stored document, checked as every reader will parse it (undefined fields are not stored).
    const activity: Activity = activitySchema.parse(
      JSON.parse(
        JSON.stringify({
          ...rules,
          _id: activityId,
          merchantId: sku.merchantId,
          productId: sku.productId,
          skuId,
          status: ACTIVITY_CREATED_STATUS,
          ...(carved !== undefined ? { pool: { available: carved, reserved: 0, sold: 0, holds: {} } } : {}),
          createdAt: now,
          updatedAt: now,
        }),
      ),
    );
    const { pool: _pool, ...doc } = activity;
    return { doc, ...(carved !== undefined ? { poolSize: carved } : {}), result: { activity, carved: carved ?? 0 } };
  });
  await ctx.audit({
    target: activityTarget(activityId),
    after: { ...auditedActivity(created.activity), skuId, poolCarved: created.carved },
  });
  return { activity: await readConsoleActivity(ctx, activityId) };
};
