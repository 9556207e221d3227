/**
 * Pickup batches (`pickup_batches`), keyed by the id the console's request key gives them: inserting one that
 * exists adds nothing (the same dispatch sent again), and its arrival is stamped once.
 */
import { type PickupBatch, pickupBatchSchema } from '../../domain/pickup-batch.schema';
import { COLLECTIONS } from '../cloudbase/collections';
import { cmd, db, getById, getMany, isDuplicateKey } from '../cloudbase/db';

const batches = () => db().collection(COLLECTIONS.pickupBatches);

export async function getPickupBatch(batchId: string): Promise<PickupBatch | null> {
  const data = await getById(COLLECTIONS.pickupBatches, batchId);
  return data ? pickupBatchSchema.parse(data) : null;
}

export interface PickupBatchFilter {
  readonly merchantId?: string | undefined;
  readonly pickupPointId?: string | undefined;
  /** Arrived (true), on their way (false), or both. */
  readonly arrived?: boolean | undefined;
}

/** A page of batches, newest first (indexes `merchantId_dispatchedAt`, `pickupPointId_dispatchedAt`). */
export async function findPickupBatches(
  filter: PickupBatchFilter,
  page: { readonly offset: number; readonly limit: number },
): Promise<PickupBatch[]> {
  const where: Record<string, unknown> = {};
  if (filter.merchantId !== undefined) where.merchantId = filter.merchantId;
  if (filter.pickupPointId !== undefined) where.pickupPointId = filter.pickupPointId;
  if (filter.arrived !== undefined) where.arrivedAt = cmd().exists(filter.arrived);
  const docs = await getMany(
    batches().where(where).orderBy('dispatchedAt', 'desc').orderBy('_id', 'desc').skip(page.offset).limit(page.limit),
  );
  return docs.map((d) => pickupBatchSchema.parse(d));
}

/** Adds the batch; false, adding nothing, when one with its id exists. */
export async function insertPickupBatch(batch: PickupBatch): Promise<boolean> {
  try {
    await batches().add({ data: { ...batch } });
    return true;
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
}

/** Stamps the batch's arrival, the first time only; true when this call did. */
export async function stampBatchArrived(batchId: string, at: number, by: string): Promise<boolean> {
  const { stats } = await batches()
    .where({ _id: batchId, arrivedAt: cmd().exists(false) })
    .update({ data: { arrivedAt: at, arrivedBy: by, updatedAt: at } });
  return stats.updated === 1;
}
