/**
 * Whether a delivery falls inside an activity's scope (同城 / 社区成团): one of the listed districts, or
 * within the radius of the activity's point. Distances are great-circle metres on GeoJSON points.
 */
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

export interface Place {
  readonly district: District;
  readonly location?: GeoPoint | undefined;
}

export function isInScope(scope: ActivityScope | undefined, place: Place): boolean {
  if (!scope) return true;
  if (scope.kind === 'districts') return scope.districts.includes(place.district);
  return place.location !== undefined && distanceMeters(scope.center, place.location) <= scope.radiusMeters;
}
