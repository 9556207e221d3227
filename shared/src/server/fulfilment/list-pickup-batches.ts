/**
 * listPickupBatches (console: ops, merchant): the batches sent to pickup points, newest first, by point and
 * by whether they arrived, a page at a time, each with its point's name; a merchant sees its own whatever it
 * asks for. The point's staff mark a batch arrived from this list.
 */
import type { listPickupBatchesContract } from '../../contracts/admin';
import { merchantScope } from '../runtime/staff-scope';
import { getPickupPoints } from '../repositories/catalog.repository';
import { findPickupBatches } from '../repositories/pickup-batch.repository';
import type { AdminUseCase } from '../runtime/define-http-function';

export const listPickupBatches: AdminUseCase<typeof listPickupBatchesContract> = async (input, ctx) => {
  const { limit, offset, ...filter } = input;
  const found = await findPickupBatches({ ...filter, ...merchantScope(ctx) }, { offset, limit: limit + 1 });
  const page = found.slice(0, limit);
  const points = new Map(
    (await getPickupPoints([...new Set(page.map((b) => b.pickupPointId))])).map((p) => [p._id, p]),
  );
  return {
    items: page.map((batch) => {
      const point = points.get(batch.pickupPointId);
      return {
        batchId: batch._id,
        pickupPointId: batch.pickupPointId,
        pointName: point?.name ?? '',
        ...(point?.district ? { district: point.district } : {}),
        merchantId: batch.merchantId,
        ...(batch.activityId ? { activityId: batch.activityId } : {}),
        orders: batch.orderIds.length,
        dispatchedAt: batch.dispatchedAt,
        dispatchedBy: batch.dispatchedBy,
        ...(batch.arrivedAt !== undefined ? { arrivedAt: batch.arrivedAt } : {}),
        ...(batch.arrivedBy ? { arrivedBy: batch.arrivedBy } : {}),
      };
    }),
    hasMore: found.length > limit,
  };
};
