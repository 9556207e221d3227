import { invalidParam } from './errors';
import { exactAtan2, exactSinCos } from './exact-math';
import { isPlainObject, pathValues, type Doc } from './values';

/** MongoDB's spherical earth radius for `2dsphere` queries, in metres. */
export const EARTH_RADIUS_M = 6378100;

export type LngLat = readonly [lng: number, lat: number];

export interface Box {
  readonly minLng: number;
  readonly maxLng: number;
  readonly minLat: number;
  readonly maxLat: number;
}

const isCoordinate = (v: unknown): v is LngLat =>
  Array.isArray(v) &&
  v.length >= 2 &&
  typeof v[0] === 'number' &&
  typeof v[1] === 'number' &&
  Math.abs(v[0]) <= 180 &&
  Math.abs(v[1]) <= 90;

/** A stored location: a GeoJSON Point (what `db.Geo.Point` writes) or a legacy `[lng, lat]` pair. */
export function toPoint(value: unknown): LngLat | undefined {
  if (isPlainObject(value) && value['type'] === 'Point') {
    const c = value['coordinates'];
    return isCoordinate(c) ? [c[0], c[1]] : undefined;
  }
  return isCoordinate(value) ? [value[0], value[1]] : undefined;
}

const rad = (deg: number): number => (deg * Math.PI) / 180;

/** S2's degrees-to-radians (S1Angle::Degrees multiplies by M_PI / 180, one rounding fewer than deg * π / 180). */
const DEGREES = Math.PI / 180;
type UnitVector = readonly [x: number, y: number, z: number];

/** Unit vectors by longitude, then latitude: each costs two correctly rounded sin/cos, and points recur. */
const vectors = new Map<number, Map<number, UnitVector>>();
const MAX_CACHED_LONGITUDES = 100_000;

/** The point on the unit sphere, as S2LatLng::ToPoint computes it. */
function unitVector([lng, lat]: LngLat): UnitVector {
  let byLat = vectors.get(lng);
  const cached = byLat?.get(lat);
  if (cached) return cached;
  const [sinPhi, cosPhi] = exactSinCos(lat * DEGREES);
  const [sinTheta, cosTheta] = exactSinCos(lng * DEGREES);
  const vector: UnitVector = [cosTheta * cosPhi, sinTheta * cosPhi, sinPhi];
  if (!byLat) {
    if (vectors.size >= MAX_CACHED_LONGITUDES) vectors.clear();
    vectors.set(lng, (byLat = new Map()));
  }
  byLat.set(lat, vector);
  return vector;
}

/** The last few centres' distance functions: one request filters by them, then sorts by them. */
const recentCenters = new Map<string, (p: LngLat) => number>();
const RECENT_CENTERS = 8;

/**
 * Distances in metres from `center`, as MongoDB's 2dsphere computes them: the angle between the unit vectors,
 * atan2(|a × b|, a · b) (S2Point::Angle), times 6378100 m, with each operation in S2's order, so code may compare
 * them with `===`. Haversine differs in the last digits.
 */
export function distanceFrom(center: LngLat): (p: LngLat) => number {
  const key = `${center[0]},${center[1]}`;
  let distance = recentCenters.get(key);
  if (!distance) {
    if (recentCenters.size >= RECENT_CENTERS) recentCenters.delete(recentCenters.keys().next().value as string);
    recentCenters.set(key, (distance = distancesFrom(center)));
  }
  return distance;
}

/** A distance function from `center` that remembers the distances it computed. */
function distancesFrom(center: LngLat): (p: LngLat) => number {
  const [ax, ay, az] = unitVector(center);
  const known = new Map<UnitVector, number>();
  return (p) => {
    const b = unitVector(p);
    let distance = known.get(b);
    if (distance === undefined) {
      const [bx, by, bz] = b;
      const cx = ay * bz - az * by;
      const cy = az * bx - ax * bz;
      const cz = ax * by - ay * bx;
      const cross = Math.sqrt(cx * cx + cy * cy + cz * cz);
      const dot = ax * bx + ay * by + az * bz;
      distance = exactAtan2(cross, dot) * EARTH_RADIUS_M;
      known.set(b, distance);
    }
    return distance;
  };
}

/** The lng/lat box around a circle, widened at the poles and the antimeridian to the whole range. */
export function circleBox(center: LngLat, meters: number): Box {
  const dLat = (meters / EARTH_RADIUS_M) * (180 / Math.PI);
  const cos = Math.cos(rad(center[1]));
  const dLng = cos < 1e-9 ? 360 : dLat / cos;
  const minLng = center[0] - dLng;
  const maxLng = center[0] + dLng;
  const wraps = minLng < -180 || maxLng > 180;
  return {
    minLng: wraps ? -180 : minLng,
    maxLng: wraps ? 180 : maxLng,
    minLat: Math.max(-90, center[1] - dLat),
    maxLat: Math.min(90, center[1] + dLat),
  };
}

/** Ray casting on one ring (planar in lng/lat, which is exact enough for city-sized polygons). */
function inRing(p: LngLat, ring: readonly LngLat[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as LngLat;
    const [xj, yj] = ring[j] as LngLat;
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function parseRings(value: unknown): LngLat[][] {
  if (!Array.isArray(value) || value.length === 0) throw invalidParam('polygon needs at least one ring');
  return value.map((ring: unknown) => {
    if (!Array.isArray(ring) || ring.length < 4 || !ring.every(isCoordinate)) {
      throw invalidParam('a polygon ring needs at least 4 [lng, lat] positions');
    }
    return ring as LngLat[];
  });
}

/** A region a point can be tested against, with its bounding box for the geo index. */
export interface Region {
  contains(p: LngLat): boolean;
  readonly box: Box;
}

function boxOf(points: readonly LngLat[]): Box {
  const lngs = points.map((p) => p[0]);
  const lats = points.map((p) => p[1]);
  return { minLng: Math.min(...lngs), maxLng: Math.max(...lngs), minLat: Math.min(...lats), maxLat: Math.max(...lats) };
}

function polygonsRegion(polygons: LngLat[][][]): Region {
  const contains = (p: LngLat): boolean =>
    polygons.some(([outer, ...holes]) => outer !== undefined && inRing(p, outer) && !holes.some((h) => inRing(p, h)));
  return { contains, box: boxOf(polygons.flatMap((rings) => rings[0] ?? [])) };
}

function geometryRegion(geometry: unknown, operator: string): Region {
  if (!isPlainObject(geometry)) throw invalidParam(`${operator}.$geometry must be a GeoJSON object`);
  const coordinates = geometry['coordinates'];
  switch (geometry['type']) {
    case 'Polygon':
      return polygonsRegion([parseRings(coordinates)]);
    case 'MultiPolygon':
      if (!Array.isArray(coordinates)) throw invalidParam('MultiPolygon coordinates must be an array');
      return polygonsRegion(coordinates.map(parseRings));
    case 'Point': {
      const point = toPoint(geometry);
      if (!point) throw invalidParam('invalid GeoJSON Point');
      return { contains: (p) => p[0] === point[0] && p[1] === point[1], box: boxOf([point]) };
    }
    default:
      throw invalidParam(`${operator} with a ${String(geometry['type'])} geometry is not supported by the emulator`);
  }
}

/** Parses the operand of `$geoWithin` (`$geometry` polygon or `$centerSphere`) or `$geoIntersects`. */
export function parseRegion(value: unknown, operator: '$geoWithin' | '$geoIntersects'): Region {
  if (!isPlainObject(value)) throw invalidParam(`${operator} needs an object`);
  if (value['$geometry'] !== undefined) return geometryRegion(value['$geometry'], operator);
  const sphere = value['$centerSphere'];
  if (operator === '$geoWithin' && Array.isArray(sphere)) {
    const [center, radius] = sphere as unknown[];
    const c = toPoint(center);
    if (!c || typeof radius !== 'number' || radius < 0) throw invalidParam('$centerSphere needs [[lng, lat], radians]');
    const meters = radius * EARTH_RADIUS_M;
    const distance = distanceFrom(c);
    return { contains: (p) => distance(p) <= meters, box: circleBox(c, meters) };
  }
  throw invalidParam(`${operator} needs $geometry${operator === '$geoWithin' ? ' or $centerSphere' : ''}`);
}

export interface Near {
  readonly center: LngLat;
  readonly minDistance: number;
  readonly maxDistance: number;
}

const optionalDistance = (v: unknown, name: string, fallback: number): number => {
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'number' || v < 0) throw invalidParam(`${name} must be a non-negative number of metres`);
  return v;
};

/** Parses the operand of `$nearSphere` as the SDK's `geoNear` sends it. */
export function parseNear(value: unknown): Near {
  const center = isPlainObject(value) ? toPoint(value['$geometry']) : undefined;
  if (!isPlainObject(value) || !center) throw invalidParam('$nearSphere needs $geometry: a GeoJSON Point');
  return {
    center,
    minDistance: optionalDistance(value['$minDistance'], '$minDistance', 0),
    maxDistance: optionalDistance(value['$maxDistance'], '$maxDistance', Infinity),
  };
}

/** The first point a document holds at a path, if any. */
export function docPoint(doc: unknown, field: string): LngLat | undefined {
  for (const v of pathValues(doc, field)) {
    const p = toPoint(v);
    if (p) return p;
  }
  return undefined;
}

const pointPredicate =
  (field: string, test: (p: LngLat) => boolean) =>
  (doc: unknown): boolean =>
    pathValues(doc, field).some((v) => {
      const p = toPoint(v);
      return p !== undefined && test(p);
    });

/** A mingo query operator: compiled once per query, then tested per document. */
export type GeoOperator = (field: string, value: unknown) => (doc: unknown) => boolean;

/** The geo query operators mingo lacks; `$nearSphere` filters here and the engine sorts by distance. */
export const geoQueryOperators: Record<`$${string}`, GeoOperator> = {
  $nearSphere: (field: string, value: unknown) => {
    const near = parseNear(value);
    const distance = distanceFrom(near.center);
    return pointPredicate(field, (p) => {
      const d = distance(p);
      return d >= near.minDistance && d <= near.maxDistance;
    });
  },
  $geoWithin: (field: string, value: unknown) => pointPredicate(field, parseRegion(value, '$geoWithin').contains),
  $geoIntersects: (field: string, value: unknown) =>
    pointPredicate(field, parseRegion(value, '$geoIntersects').contains),
};

/** Where a query asks for `$nearSphere` (top level or inside `$and`), for sorting by distance. */
export function findNear(query: Doc | undefined): { field: string; near: Near } | undefined {
  if (!query) return undefined;
  for (const [key, cond] of Object.entries(query)) {
    if (key === '$and' && Array.isArray(cond)) {
      for (const sub of cond) {
        const found = isPlainObject(sub) ? findNear(sub) : undefined;
        if (found) return found;
      }
    } else if (!key.startsWith('$') && isPlainObject(cond) && cond['$nearSphere'] !== undefined) {
      return { field: key, near: parseNear(cond['$nearSphere']) };
    }
  }
  return undefined;
}
