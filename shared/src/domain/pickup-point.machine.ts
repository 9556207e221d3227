/**
 * A pickup point (自提点) is `active` or `inactive`. Ops deactivate one that closed: checkout stops
 * offering it and no new order may be delivered there (openGroup, joinGroup, buySolo refuse), while the
 * orders that already chose it keep it (the order holds its own copy of the point's name and place).
 * Points stored before statuses existed have none and count as active.
 */
import type { ErrorCode } from '../kernel/errors';
import * as z from '../kernel/zod';
import type { GeoPoint } from './common.schema';
import { defineMachine } from './machine';

export const pickupPointStatusSchema = z.enum(['active', 'inactive']);
export type PickupPointStatus = z.infer<typeof pickupPointStatusSchema>;

export const pickupPointEventSchema = z.enum(['deactivated', 'reactivated']);
export type PickupPointEvent = z.infer<typeof pickupPointEventSchema>;

export const pickupPointMachine = defineMachine<PickupPointStatus, PickupPointEvent>('pickup point', {
  active: { deactivated: 'inactive' },
  inactive: { reactivated: 'active' },
});

/** The status of a new point, and of one stored without a status. */
export const PICKUP_POINT_OPEN_STATUS: PickupPointStatus = pickupPointMachine.transition('reactivated').to;

/** The status that takes a point out of checkout. */
export const PICKUP_POINT_CLOSED_STATUS: PickupPointStatus = pickupPointMachine.transition('deactivated').to;

export const isPickupPointActive = (point: { readonly status?: PickupPointStatus | undefined }): boolean =>
  (point.status ?? PICKUP_POINT_OPEN_STATUS) === PICKUP_POINT_OPEN_STATUS;

export const PICKUP_REFUSALS = ['NOT_FOUND', 'PICKUP_POINT_INACTIVE'] as const satisfies readonly ErrorCode[];

/** Why a new order may not be delivered to the point, or undefined. */
export function pickupRefusal(
  point: { readonly status?: PickupPointStatus | undefined } | null,
): (typeof PICKUP_REFUSALS)[number] | undefined {
  if (!point) return 'NOT_FOUND';
  return isPickupPointActive(point) ? undefined : 'PICKUP_POINT_INACTIVE';
}

/**
 * Chongqing's extent (its districts and counties lie within 105°17'–110°11' E, 28°10'–32°13' N): a point
 * outside it is a typo, most often longitude and latitude swapped.
 */
export const CHONGQING_BOUNDS = { minLongitude: 105.2, maxLongitude: 110.2, minLatitude: 28.1, maxLatitude: 32.3 };

export function isInChongqing(point: GeoPoint): boolean {
  const [longitude, latitude] = point.coordinates;
  const b = CHONGQING_BOUNDS;
  return (
    longitude >= b.minLongitude && longitude <= b.maxLongitude && latitude >= b.minLatitude && latitude <= b.maxLatitude
  );
}

/** A contact number: a mainland mobile (11 digits from 1) or a landline with its area code (023-6380 0001). */
export const CONTACT_PHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;
