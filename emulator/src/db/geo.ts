import { invalidParam } from './errors';
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

/** Great-circle distance in metres (haversine). */
export function distanceMeters(a: LngLat, b: LngLat): number {
  const dLat = rad(b[1] - a[1]);
  const dLng = rad(b[0] - a[0]);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a[1])) * Math.cos(rad(b[1])) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
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
    return { contains: (p) => distanceMeters(c, p) <= meters, box: circleBox(c, meters) };
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
    return pointPredicate(field, (p) => {
      const d = distanceMeters(near.center, p);
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
