/**
 * markBatchArrived (console: the point's staff; for now ops, or the merchant whose batch it is): every order
 * that left in the batch is waiting at its point. Each order moves in its own transaction that claims it a
 * six-digit code no other order holds open at that point (drawn by the domain from a secure random source,
 * drawn again on a collision) and writes the shopper's 待取货 message. An order that arrived before keeps its
 * code, one refunded meanwhile is skipped, so marking it again changes nothing.
 */
import { randomInt } from 'node:crypto';
import type { markBatchArrivedContract } from '../../contracts/admin';
import { drawPickupCode, MAX_BATCH_ORDERS } from '../../domain/fulfilment';
import { DomainError } from '../../kernel/errors';
import { staffOf } from '../runtime/staff-scope';
import { listBatchOrders } from '../repositories/order-fulfilment.repository';
import { getPickupBatch, stampBatchArrived } from '../repositories/pickup-batch.repository';
import { arriveWithCode } from '../repositories/pickup-code.repository';
import type { AdminUseCase } from '../runtime/define-http-function';
import { mayActAtPickupPoint } from './pickup-point-access';
import { forEachWithin } from './shipping';

export const markBatchArrived: AdminUseCase<typeof markBatchArrivedContract> = async (input, ctx) => {
  const staff = staffOf(ctx);
  const batch = await getPickupBatch(input.batchId);
  if (!batch || !mayActAtPickupPoint(staff, batch)) throw new DomainError('NOT_FOUND', `batch ${input.batchId}`);
  const by = `staff:${staff.account}` as const;
  const now = ctx.clock.now();
  const orders = await listBatchOrders(batch._id, MAX_BATCH_ORDERS);
  const results = await forEachWithin(
    orders.map((order) => ({ orderId: order._id })),
    async ({ orderId }) => {
      const arrival = await arriveWithCode(orderId, batch._id, (taken) => drawPickupCode(randomInt, taken), now, by);
      return {
        orderId,
        outcome: arrival.kind === 'arrived' ? 'done' : arrival.kind === 'already' ? 'repeat' : 'refused',
      };
    },
    ctx,
  );
  const count = (outcome: string) => results.filter((r) => r.outcome === outcome).length;
  const arrived = count('done') + count('repeat');
  const unfinished = count('unfinished');
  const stamped = unfinished === 0 && arrived > 0 && (await stampBatchArrived(batch._id, now, by));
  const arrivedAt = stamped ? now : batch.arrivedAt;
  await ctx.audit({
    target: `pickup-batch/${batch._id}`,
    before: { arrivedAt: batch.arrivedAt ?? null },
    after: { arrived, newlyArrived: count('done'), unfinished, arrivedAt: arrivedAt ?? null },
  });
  return {
    batchId: batch._id,
    pickupPointId: batch.pickupPointId,
    arrived,
    newlyArrived: count('done'),
    skipped: Math.max(0, batch.orderIds.length - arrived - unfinished),
    unfinished,
    ...(arrivedAt !== undefined ? { arrivedAt } : {}),
  };
};
