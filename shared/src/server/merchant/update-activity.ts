/**
 * updateActivity (ops, merchant): the activity's title and rules as the form holds them. The activity and
 * its SKU are read in a transaction; the domain says whether the change may be made (`editRefusals`: a
 * draft anything, a published activity only what cannot hurt a group already forming) and what happens to
 * the dedicated pool (`poolPlan`: grow from the SKU's available, shrink down to what is held and sold);
 * then the activity and the SKU's side of the pool change are written together. A shopper's hold landing
 * meanwhile starts the transaction over, so a pool never shrinks below what it holds.
 */
import type { updateActivityContract } from '../../contracts/admin';
import {
  ACTIVITY_FIELD_LABELS,
  changedFields,
  editOf,
  editRefusals,
  normalisedEdit,
  poolPlan,
} from '../../domain/activity-edit';
import { DomainError } from '../../kernel/errors';
import { ownsMerchant } from '../runtime/staff-scope';
import { changeActivity } from '../repositories/activity-admin.repository';
import type { AdminUseCase } from '../runtime/define-http-function';
import { activityTarget, checkScopedPoint, pickFields, readConsoleActivity, scopedActivity } from './activity-console';

export const updateActivity: AdminUseCase<typeof updateActivityContract> = async (input, ctx) => {
  const now = ctx.clock.now();
  const { activityId, ...form } = input;
  const next = normalisedEdit(form);
  // A 社区团's point, when the scope is changed to one, exists and is active (its edits keep their point otherwise).
  if (next.scope?.kind === 'pickup_point')
    await checkScopedPoint(next.scope, (await scopedActivity(ctx, activityId)).scope);
  const outcome = await changeActivity(activityId, (found, sku) => {
    const current = ownsMerchant(ctx, found, `activity ${activityId}`);
    if (!sku) throw new DomainError('NOT_FOUND', `sku ${current.skuId}`);
    const refusals = editRefusals(current, next);
    if (refusals.length > 0) {
      throw new DomainError(
        'CONFLICT',
        refusals.map((r) => `${ACTIVITY_FIELD_LABELS[r.field]}：${r.message}`).join('；'),
      );
    }
    const plan = poolPlan(current, next, sku.stock.available);
    if (!plan.ok) throw new DomainError(plan.outOfStock ? 'OUT_OF_STOCK' : 'CONFLICT', plan.issue.message);
    const changed = changedFields(current, next);
    const set: Record<string, unknown> = {};
    const unset: string[] = [];
    for (const field of changed) {
      if (field === 'poolSize') continue;
      if (next[field] === undefined) unset.push(field);
      else set[field] = next[field];
    }
    const write =
      changed.length === 0
        ? null
        : { set: { ...set, updatedAt: now }, unset, pool: { delta: plan.delta, shape: plan.pool } };
    return {
      write,
      result: { before: pickFields(editOf(current), changed), after: pickFields(next, changed), poolDelta: plan.delta },
    };
  });
  await ctx.audit({
    target: activityTarget(activityId),
    before: outcome.before,
    after: { ...outcome.after, ...(outcome.poolDelta !== 0 ? { poolDelta: outcome.poolDelta } : {}) },
  });
  return { activity: await readConsoleActivity(ctx, activityId) };
};
