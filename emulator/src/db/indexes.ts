import type { IndexSpec } from './index-file';
import { comparePart, comparePrefix, keyPart, keyString, rankMin, type KeyPart } from './index-keys';
import { docPoint, type Box } from './geo';
import { pathValues, type Doc } from './values';

interface Entry {
  readonly parts: readonly KeyPart[];
  readonly id: string;
}

/** A range on one key part; both ends share the rank of the bound(s) given. */
export interface RangeBound {
  readonly lower?: { readonly part: KeyPart; readonly inclusive: boolean };
  readonly upper?: { readonly part: KeyPart; readonly inclusive: boolean };
}

/**
 * A single-field or compound index: entries sorted by key then id, so equality on a key prefix and a range
 * on the next key are two binary searches. Array values are multikey (one entry per element).
 */
export class SortedIndex {
  private readonly entries: Entry[] = [];
  readonly fields: readonly string[];
  /** Whether any document put an array in this index; then a field's range bounds cannot be intersected. */
  multikey = false;

  constructor(readonly spec: IndexSpec) {
    this.fields = spec.keys.map((k) => k.field);
  }

  /** The distinct keys a document has in this index (a missing field indexes as null, like MongoDB). */
  keysOf(doc: Doc): KeyPart[][] {
    let tuples: KeyPart[][] = [[]];
    for (const field of this.fields) {
      const values = pathValues(doc, field).flatMap((v) => (Array.isArray(v) && v.length > 0 ? v : [v]));
      if (values.length > 1) this.multikey = true;
      const parts = values.length === 0 ? [keyPart(null)] : values.map(keyPart);
      const unique = [...new Map(parts.map((p) => [keyString([p]), p])).values()];
      tuples = tuples.flatMap((t) => unique.map((p) => [...t, p]));
    }
    return tuples;
  }

  private position(parts: readonly KeyPart[], id: string): number {
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const e = this.entries[mid] as Entry;
      const c = comparePrefix(e.parts, parts, parts.length) || (e.id < id ? -1 : e.id > id ? 1 : 0);
      if (c < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  add(id: string, doc: Doc): void {
    for (const parts of this.keysOf(doc)) this.entries.splice(this.position(parts, id), 0, { parts, id });
  }

  remove(id: string, doc: Doc): void {
    for (const parts of this.keysOf(doc)) {
      const i = this.position(parts, id);
      const e = this.entries[i];
      if (e && e.id === id && comparePrefix(e.parts, parts, parts.length) === 0) this.entries.splice(i, 1);
    }
  }

  clear(): void {
    this.entries.length = 0;
  }

  /** Ids whose key starts with `prefix` and whose next part (if `range` is given) lies within it. */
  lookup(prefix: readonly KeyPart[], range?: RangeBound): string[] {
    const n = prefix.length;
    const rangePart = range?.lower?.part ?? range?.upper?.part;
    const start = rangePart ? [...prefix, range?.lower?.part ?? rankMin(rangePart[0])] : prefix;
    const out: string[] = [];
    for (let i = this.position(start, ''); i < this.entries.length; i++) {
      const e = this.entries[i] as Entry;
      if (comparePrefix(e.parts, prefix, n) !== 0) break;
      if (rangePart && range) {
        const p = e.parts[n] as KeyPart;
        if (p[0] !== rangePart[0]) break;
        if (range.lower && !range.lower.inclusive && comparePart(p, range.lower.part) === 0) continue;
        if (range.upper) {
          const c = comparePart(p, range.upper.part);
          if (c > 0 || (c === 0 && !range.upper.inclusive)) break;
        }
      }
      out.push(e.id);
    }
    return out;
  }
}

const CELL_DEG = 0.01;
const cellOf = (lng: number, lat: number): [number, number] => [Math.floor(lng / CELL_DEG), Math.floor(lat / CELL_DEG)];
const cellKey = (x: number, y: number): string => `${x}:${y}`;

/** A `2dsphere` index on GeoJSON points: a grid of ~1 km cells, so a bounded geo query visits few documents. */
export class GeoIndex {
  private readonly cells = new Map<string, Set<string>>();
  private readonly cellById = new Map<string, string>();

  constructor(
    readonly spec: IndexSpec,
    readonly field: string,
  ) {}

  add(id: string, doc: Doc): void {
    const p = docPoint(doc, this.field);
    if (!p) return;
    const [x, y] = cellOf(p[0], p[1]);
    const key = cellKey(x, y);
    let cell = this.cells.get(key);
    if (!cell) this.cells.set(key, (cell = new Set()));
    cell.add(id);
    this.cellById.set(id, key);
  }

  remove(id: string): void {
    const key = this.cellById.get(id);
    if (key === undefined) return;
    this.cellById.delete(id);
    const cell = this.cells.get(key);
    cell?.delete(id);
    if (cell?.size === 0) this.cells.delete(key);
  }

  clear(): void {
    this.cells.clear();
    this.cellById.clear();
  }

  /** Ids of documents with a point inside the box (a superset at cell granularity). */
  within(box: Box): string[] {
    const [x0, y0] = cellOf(box.minLng, box.minLat);
    const [x1, y1] = cellOf(box.maxLng, box.maxLat);
    const out: string[] = [];
    if ((x1 - x0 + 1) * (y1 - y0 + 1) > this.cells.size) {
      for (const [key, ids] of this.cells) {
        const [x, y] = key.split(':').map(Number) as [number, number];
        if (x >= x0 && x <= x1 && y >= y0 && y <= y1) out.push(...ids);
      }
      return out;
    }
    for (let x = x0; x <= x1; x++) {
      for (let y = y0; y <= y1; y++) {
        const ids = this.cells.get(cellKey(x, y));
        if (ids) out.push(...ids);
      }
    }
    return out;
  }

  /** Every document with a point. */
  all(): IterableIterator<string> {
    return this.cellById.keys();
  }
}

/** All secondary indexes of one collection (the `_id` index is the collection's Map itself). */
export class CollectionIndexes {
  readonly sorted: SortedIndex[];
  readonly geo: GeoIndex[];

  constructor(specs: readonly IndexSpec[]) {
    this.sorted = specs.filter((s) => s.keys[0]?.direction !== '2dsphere').map((s) => new SortedIndex(s));
    this.geo = specs.flatMap((s) => (s.keys[0]?.direction === '2dsphere' ? [new GeoIndex(s, s.keys[0].field)] : []));
  }

  add(id: string, doc: Doc): void {
    for (const index of this.sorted) index.add(id, doc);
    for (const index of this.geo) index.add(id, doc);
  }

  remove(id: string, doc: Doc): void {
    for (const index of this.sorted) index.remove(id, doc);
    for (const index of this.geo) index.remove(id);
  }

  /** Re-indexes a changed document, touching only the indexes whose keys changed. */
  replace(id: string, before: Doc, after: Doc): void {
    for (const index of this.sorted) {
      if (keyString(index.keysOf(before).flat()) === keyString(index.keysOf(after).flat())) continue;
      index.remove(id, before);
      index.add(id, after);
    }
    for (const index of this.geo) {
      const [a, b] = [docPoint(before, index.field), docPoint(after, index.field)];
      if (a?.[0] === b?.[0] && a?.[1] === b?.[1]) continue;
      index.remove(id);
      index.add(id, after);
    }
  }

  clear(): void {
    for (const index of [...this.sorted, ...this.geo]) index.clear();
  }

  geoIndexOn(field: string): GeoIndex | undefined {
    return this.geo.find((g) => g.field === field);
  }
}
