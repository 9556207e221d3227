/**
 * dispatchToPickupPoint (console: ops, merchant): a merchant's pickup orders for one point leave as one batch.
 * The batch is recorded first, under the id its request key gives (`batchIdFor`), with the orders it chose
 * (those given, or every one waiting for the point, of one activity when given); then each order ships in
 * its own transaction with its shipping report (自提), as express orders do. The same request again finds the
 * batch and goes over the same orders: those that left read as repeats, those the first try did not reach
 * leave now, so a batch is never made twice nor an order sent twice.
 */
import type { dispatchToPickupPointContract, ParsedAdminRequestOf } from '../../contracts/admin';
import { batchIdFor, decidePickupDispatch, MAX_BATCH_ORDERS } from '../../domain/fulfilment';
import type { PickupBatch } from '../../domain/pickup-batch.schema';
import { DomainError } from '../../kernel/errors';
import { staffOf } from '../runtime/staff-scope';
import { listPickupOrderIdsToShip, shipOrder } from '../repositories/order-fulfilment.repository';
import { getPickupBatch, insertPickupBatch } from '../repositories/pickup-batch.repository';
import type { AdminUseCase } from '../runtime/define-http-function';
import { forEachWithin, inScope, shipResult, tally } from './shipping';

export const dispatchToPickupPoint: AdminUseCase<typeof dispatchToPickupPointContract> = async (input, ctx) => {
  const staff = staffOf(ctx);
  const merchantId = staff.role === 'merchant' ? staff.merchantId : input.merchantId;
  if (!merchantId) throw new DomainError('INVALID_ARGUMENT', 'ops name the merchant whose orders leave');
  const by = `staff:${staff.account}`;
  const batchId = batchIdFor(input.requestKey);
  const batch = (await getPickupBatch(batchId)) ?? (await newBatch(input, batchId, merchantId, by, ctx.clock.now()));
  if (batch.merchantId !== merchantId || batch.pickupPointId !== input.pickupPointId) {
    throw new DomainError('CONFLICT', `request key ${input.requestKey} made another batch`);
  }

  const visible = inScope({ merchantId });
  const ref = { pickupPointId: batch.pickupPointId, batchId };
  const now = ctx.clock.now();
  const results = await forEachWithin(
    batch.orderIds.map((orderId) => ({ orderId })),
    async ({ orderId }) =>
      shipResult(orderId, await shipOrder(orderId, (order) => decidePickupDispatch(visible(order), ref, by, now), now)),
    ctx,
  );
  const answer = tally(results);
  await ctx.audit({
    target: `pickup-batch/${batchId}`,
    after: {
      pickupPointId: batch.pickupPointId,
      merchantId,
      sent: results.filter((r) => r.outcome === 'done').map((r) => r.orderId),
      repeated: answer.repeated,
      refused: results.filter((r) => r.outcome === 'refused').map((r) => ({ orderId: r.orderId, reason: r.reason })),
      unfinished: answer.unfinished,
    },
  });
  return { ...answer, batchId, pickupPointId: batch.pickupPointId };
};

/** The batch a request makes: the orders given, or every one waiting for the point (of one activity when given). */
async function newBatch(
  input: ParsedAdminRequestOf<typeof dispatchToPickupPointContract>,
  batchId: string,
  merchantId: string,
  by: string,
  now: number,
): Promise<PickupBatch> {
  const orderIds =
    input.orderIds ??
    (await listPickupOrderIdsToShip(
      { merchantId, pickupPointId: input.pickupPointId, activityId: input.activityId },
      MAX_BATCH_ORDERS,
    ));
  if (orderIds.length === 0) throw new DomainError('ORDER_NOT_SHIPPABLE', `nothing waits for ${input.pickupPointId}`);
  const made: PickupBatch = {
    _id: batchId,
    merchantId,
    pickupPointId: input.pickupPointId,
    ...(input.activityId ? { activityId: input.activityId } : {}),
    orderIds: [...new Set(orderIds)],
    dispatchedBy: by,
    dispatchedAt: now,
    updatedAt: now,
  };
  // Two copies of one request at once: the first insert wins, the other goes over the batch it made.
  return (await insertPickupBatch(made)) ? made : ((await getPickupBatch(batchId)) ?? made);
}
