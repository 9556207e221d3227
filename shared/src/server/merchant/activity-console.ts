/**
 * What the activity use cases share: an activity as the console reads it (every rule, its pool, its
 * product and SKU, its phase and the actions its status allows), read within the staff member's scope, and
 * how a change is written to the audit log.
 */
import type { ConsoleActivity } from '../../contracts/admin';
import { type ActivityEdit, activityEvents, activityPhase, editOf, type EditField } from '../../domain/activity-edit';
import type { Activity } from '../../domain/activity.schema';
import { type ActivityEvent, activityMachine } from '../../domain/activity.machine';
import type { Product, Sku } from '../../domain/catalog.schema';
import { DomainError } from '../../kernel/errors';
import { fen } from '../../kernel/money';
import { merchantScope, ownsMerchant } from '../runtime/staff-scope';
import { transitionActivity } from '../repositories/activity-admin.repository';
import { getActivity, getProduct, getSku } from '../repositories/catalog.repository';
import type { AdminCallContext } from '../runtime/define-http-function';
import { pickupRefusal } from '../../domain/pickup-point.machine';
import { type ActivityScope } from '../../domain/activity.schema';
import { scopedPickupPointId } from '../../domain/scope';
import { getPickupPoint } from '../repositories/catalog.repository';

/** The activity as the console shows it, with its product and SKU (either may have been removed). */
export function consoleActivity(
  activity: Activity,
  product: Pick<Product, 'title' | 'images' | 'status'> | null | undefined,
  sku: Pick<Sku, 'spec' | 'price' | 'stock'> | null | undefined,
  now: number,
): ConsoleActivity {
  const { _id, pool, ...rest } = activity;
  return {
    activityId: _id,
    merchantId: rest.merchantId,
    productId: rest.productId,
    skuId: rest.skuId,
    title: rest.title,
    status: rest.status,
    phase: activityPhase(activity, now),
    groupPrice: rest.groupPrice,
    soloPrice: rest.soloPrice,
    ...(rest.leaderPrice !== undefined ? { leaderPrice: rest.leaderPrice } : {}),
    groupSize: rest.groupSize,
    validityHours: rest.validityHours,
    startAt: rest.startAt,
    endAt: rest.endAt,
    perOrderLimit: rest.perOrderLimit,
    perUserLimit: rest.perUserLimit,
    stockMode: rest.stockMode,
    newCustomerOnly: rest.newCustomerOnly,
    ...(rest.scope ? { scope: rest.scope } : {}),
    ...(rest.guarantee ? { guarantee: rest.guarantee } : {}),
    ...(rest.commission ? { commission: rest.commission } : {}),
    ...(pool ? { pool: { available: pool.available, reserved: pool.reserved, sold: pool.sold } } : {}),
    events: activityEvents(rest.status),
    product: {
      title: product?.title ?? '',
      image: product?.images[0] ?? '',
      ...(product ? { status: product.status } : {}),
    },
    sku: {
      spec: sku?.spec ?? '',
      price: sku?.price ?? fen(0),
      stock: {
        available: sku?.stock.available ?? 0,
        reserved: sku?.stock.reserved ?? 0,
        sold: sku?.stock.sold ?? 0,
        allocated: sku?.stock.allocated ?? 0,
      },
    },
    createdAt: rest.createdAt,
    ...(rest.updatedAt !== undefined ? { updatedAt: rest.updatedAt } : {}),
  };
}

/** The activity within the staff member's scope (another merchant's is NOT_FOUND). */
export async function scopedActivity(ctx: AdminCallContext, activityId: string): Promise<Activity> {
  return ownsMerchant(ctx, await getActivity(activityId), `activity ${activityId}`);
}

/** The activity as it is now, for the console's answer. */
export async function readConsoleActivity(ctx: AdminCallContext, activityId: string): Promise<ConsoleActivity> {
  const activity = await scopedActivity(ctx, activityId);
  const [product, sku] = await Promise.all([getProduct(activity.productId), getSku(activity.skuId)]);
  return consoleActivity(activity, product, sku, ctx.clock.now());
}

/** The audit target of an activity. */
export const activityTarget = (activityId: string) => `activity/${activityId}`;

/** These fields of the form's values, for an audit entry's before or after. */
export function pickFields(edit: ActivityEdit, fields: readonly EditField[]): Partial<ActivityEdit> {
  return Object.fromEntries(fields.filter((f) => edit[f] !== undefined).map((f) => [f, edit[f]]));
}

/** The activity's rules and status as an audit entry records them. */
export const auditedActivity = (activity: Activity) => ({ status: activity.status, ...editOf(activity) });

/**
 * Moves the activity's status by `event` with one update conditional on the status (pause, resume): CONFLICT
 * when it is not in a status the event leaves (a repeat, a race lost). Audited; answers the activity.
 */
export async function moveActivityStatus(
  ctx: AdminCallContext,
  activityId: string,
  event: ActivityEvent,
  reason?: string,
): Promise<ConsoleActivity> {
  const current = await scopedActivity(ctx, activityId);
  const { from, to } = activityMachine.transition(event);
  if (!(await transitionActivity(activityId, event, merchantScope(ctx), ctx.clock.now()))) {
    throw new DomainError('CONFLICT', `activity ${activityId}: ${event} not allowed`);
  }
  await ctx.audit({
    target: activityTarget(activityId),
    before: { status: from.length === 1 ? from[0] : current.status },
    after: { status: to, ...(reason ? { reason } : {}) },
  });
  return readConsoleActivity(ctx, activityId);
}

/**
 * A 社区团's point must exist and take orders when the scope names it (created, or changed to it): NOT_FOUND or
 * PICKUP_POINT_INACTIVE otherwise, before anything is written. A point deactivated later stops the orders
 * (placement resolves the point), not the activity's other edits.
 */
export async function checkScopedPoint(
  next: ActivityScope | undefined,
  current?: ActivityScope | undefined,
): Promise<void> {
  const pointId = scopedPickupPointId(next);
  if (pointId === undefined || pointId === scopedPickupPointId(current)) return;
  const refusal = pickupRefusal(await getPickupPoint(pointId));
  if (refusal) throw new DomainError(refusal, `pickup point ${pointId}`);
}
