/**
 * Pickup points as ops manage them (`pickup_points`): every point, active or not, and its writes. Shoppers'
 * reads are in catalog.repository.ts (active points only). Deactivating and reactivating are one
 * conditional update from the machine's source status (a point stored without a status counts as active).
 */
import { type PickupPoint, pickupPointSchema } from '../../domain/catalog.schema';
import type { District } from '../../domain/common.schema';
import {
  PICKUP_POINT_OPEN_STATUS,
  type PickupPointEvent,
  pickupPointMachine,
  type PickupPointStatus,
} from '../../domain/pickup-point.machine';
import { COLLECTIONS } from '../cloudbase/collections';
import { cmd, db, getMany, isDuplicateKey, type Patch } from '../cloudbase/db';

const points = () => db().collection(COLLECTIONS.pickupPoints);

const containing = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');

/** A status condition that counts a point stored without a status as active. */
function statusIs(statuses: readonly PickupPointStatus[]): unknown {
  const _ = cmd();
  return statuses.includes(PICKUP_POINT_OPEN_STATUS)
    ? _.or([{ status: _.in([...statuses]) }, { status: _.exists(false) }])
    : { status: _.in([...statuses]) };
}

export interface PickupPointFilter {
  readonly name?: string | undefined;
  readonly district?: District | undefined;
  readonly status?: PickupPointStatus | undefined;
}

/** A page of points, by district then name. */
export async function findPickupPoints(
  filter: PickupPointFilter,
  page: { readonly offset: number; readonly limit: number },
): Promise<PickupPoint[]> {
  const _ = cmd();
  const conditions: unknown[] = [
    {
      ...(filter.district ? { district: filter.district } : {}),
      ...(filter.name ? { name: containing(filter.name) } : {}),
    },
    ...(filter.status ? [statusIs([filter.status])] : []),
  ];
  const docs = await getMany(
    points()
      .where(_.and(conditions) as never)
      .orderBy('district', 'asc')
      .orderBy('name', 'asc')
      .orderBy('_id', 'asc')
      .skip(page.offset)
      .limit(page.limit),
  );
  return docs.map((d) => pickupPointSchema.parse(d));
}

/** Adds the point; false, adding nothing, when one with its id exists (the same creation sent again). */
export async function insertPickupPoint(point: PickupPoint): Promise<boolean> {
  try {
    await points().add({ data: { ...point } });
    return true;
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
}

/**
 * Writes the point's fields. Points are never deleted, so nothing is answered: an identical save landing in the
 * same millisecond matches and changes nothing (0 updated), which is no failure.
 */
export async function updatePickupPoint(pointId: string, patch: Patch): Promise<void> {
  await points().where({ _id: pointId }).update({ data: patch });
}

/** Deactivates or reactivates the point, if it is in the event's source status. */
export async function transitionPickupPoint(pointId: string, event: PickupPointEvent, now: number): Promise<boolean> {
  const _ = cmd();
  const { from, to } = pickupPointMachine.transition(event);
  const { stats } = await points()
    .where(_.and([{ _id: pointId }, statusIs(from)]) as never)
    .update({ data: { status: to, updatedAt: now } });
  return stats.updated === 1;
}
