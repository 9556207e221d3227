/**
 * Whether a delivery falls inside an activity's scope (同城 / 社区成团 / 社区团): one of the listed districts,
 * within the radius of the activity's point, or collected at the one pickup point the activity names.
 * Distances are great-circle metres on GeoJSON points.
 */
import type { ErrorCode } from '../kernel/errors';
import type { ActivityScope } from './activity.schema';
import type { District, GeoPoint } from './common.schema';

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Haversine distance in metres. */
export function distanceMeters(a: GeoPoint, b: GeoPoint): number {
  const [lng1, lat1] = a.coordinates;
  const [lng2, lat2] = b.coordinates;
  const h =
    Math.sin(rad(lat2 - lat1) / 2) ** 2 +
    Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(rad(lng2 - lng1) / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Where an order goes: a delivery as the server resolved it (a pickup delivery names its point). */
export interface Place {
  readonly district: District;
  readonly location?: GeoPoint | undefined;
  readonly pickupPointId?: string | undefined;
}

export function isInScope(scope: ActivityScope | undefined, place: Place): boolean {
  if (!scope) return true;
  if (scope.kind === 'districts') return scope.districts.includes(place.district);
  if (scope.kind === 'pickup_point') return place.pickupPointId === scope.pickupPointId;
  return place.location !== undefined && distanceMeters(scope.center, place.location) <= scope.radiusMeters;
}

/** What a shopper reads when a delivery is outside the scope: 社区团 says to collect at its point. */
export const SCOPE_REFUSALS = ['OUT_OF_SCOPE', 'PICKUP_POINT_ONLY'] as const satisfies readonly ErrorCode[];

/** Why an order may not be delivered there, or undefined when it may. */
export function scopeRefusal(
  scope: ActivityScope | undefined,
  place: Place,
): (typeof SCOPE_REFUSALS)[number] | undefined {
  if (isInScope(scope, place)) return undefined;
  return scope?.kind === 'pickup_point' ? 'PICKUP_POINT_ONLY' : 'OUT_OF_SCOPE';
}

/** The pickup point every order of a 社区团 goes to, or undefined for any other scope. */
export const scopedPickupPointId = (scope: ActivityScope | undefined): string | undefined =>
  scope?.kind === 'pickup_point' ? scope.pickupPointId : undefined;
