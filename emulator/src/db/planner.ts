import { parseNear, parseRegion, circleBox, type Box } from './geo';
import { scalarPart, type KeyPart } from './index-keys';
import type { RangeBound } from './indexes';
import type { Collection } from './store';
import { idKey, isPlainObject, type Doc } from './values';

/** What a query's conjunction requires of one field, as far as an index can use it. */
interface FieldTerms {
  eq?: unknown[];
  range?: { lower?: RangeBound['lower']; upper?: RangeBound['upper'] };
  geo?: Box | 'any';
}

const MAX_EQ_COMBINATIONS = 256;

const isIndexableScalar = (v: unknown): boolean =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date;

function addRange(terms: FieldTerms, op: string, value: unknown): void {
  const part = isIndexableScalar(value) ? scalarPart(value) : undefined;
  if (!part) return;
  const range = (terms.range ??= {});
  const rank = (range.lower ?? range.upper)?.part[0];
  if (rank !== undefined && rank !== part[0]) return;
  const inclusive = op === '$gte' || op === '$lte';
  if (op === '$gt' || op === '$gte') range.lower ??= { part, inclusive };
  else range.upper ??= { part, inclusive };
}

function addOperators(terms: FieldTerms, cond: Doc): void {
  for (const [op, value] of Object.entries(cond)) {
    if (op === '$eq' && isIndexableScalar(value)) terms.eq ??= [value];
    else if (op === '$in' && Array.isArray(value) && value.every(isIndexableScalar)) terms.eq ??= value;
    else if (op === '$gt' || op === '$gte' || op === '$lt' || op === '$lte') addRange(terms, op, value);
    else if (op === '$nearSphere') {
      const near = parseNear(value);
      terms.geo ??= Number.isFinite(near.maxDistance) ? circleBox(near.center, near.maxDistance) : 'any';
    } else if (op === '$geoWithin' || op === '$geoIntersects') terms.geo ??= parseRegion(value, op).box;
  }
}

/** Collects the indexable terms of a query's top-level conjunction (fields and `$and`), and its `$or`s. */
function collect(query: Doc, fields: Map<string, FieldTerms>, ors: Doc[][]): void {
  for (const [key, cond] of Object.entries(query)) {
    if (key === '$and' && Array.isArray(cond)) {
      for (const sub of cond) if (isPlainObject(sub)) collect(sub, fields, ors);
    } else if (key === '$or' && Array.isArray(cond)) {
      ors.push(cond.filter(isPlainObject));
    } else if (!key.startsWith('$')) {
      const terms = fields.get(key) ?? {};
      if (isIndexableScalar(cond)) terms.eq ??= [cond];
      else if (isPlainObject(cond) && Object.keys(cond).every((k) => k.startsWith('$'))) addOperators(terms, cond);
      fields.set(key, terms);
    }
  }
}

function product(lists: readonly unknown[][]): unknown[][] {
  return lists.reduce<unknown[][]>((acc, list) => acc.flatMap((t) => list.map((v) => [...t, v])), [[]]);
}

/** Candidate ids from each usable index of the collection. */
function indexCandidates(collection: Collection, fields: Map<string, FieldTerms>): string[][] {
  const out: string[][] = [];
  const id = fields.get('_id');
  if (id?.eq) out.push(id.eq.map(idKey));
  for (const index of collection.indexes.sorted) {
    const eqLists: unknown[][] = [];
    for (const field of index.fields) {
      const eq = fields.get(field)?.eq;
      if (!eq || eqLists.reduce((n, l) => n * l.length, eq.length) > MAX_EQ_COMBINATIONS) break;
      eqLists.push(eq);
    }
    const next = index.fields[eqLists.length];
    const bounds = next === undefined ? undefined : fields.get(next)?.range;
    const range = index.multikey && bounds?.lower && bounds.upper ? { lower: bounds.lower } : bounds;
    if (eqLists.length === 0 && !range) continue;
    out.push(
      product(eqLists).flatMap((values) =>
        index.lookup(
          values.map((v) => scalarPart(v) as KeyPart),
          range,
        ),
      ),
    );
  }
  for (const [field, terms] of fields) {
    const geo = terms.geo && collection.indexes.geoIndexOn(field);
    if (geo) out.push(terms.geo === 'any' ? [...geo.all()] : geo.within(terms.geo as Box));
  }
  return out;
}

/**
 * The ids of a superset of the documents matching `query`, from the most selective usable index;
 * null when no index applies and the collection must be scanned. mingo still decides every match.
 */
export function plan(collection: Collection, query: Doc | undefined): string[] | null {
  if (!query) return null;
  const fields = new Map<string, FieldTerms>();
  const ors: Doc[][] = [];
  collect(query, fields, ors);
  const candidates = indexCandidates(collection, fields);
  if (candidates.length > 0) return candidates.reduce((best, c) => (c.length < best.length ? c : best));
  for (const branches of ors) {
    const plans = branches.map((b) => plan(collection, b));
    if (plans.length > 0 && plans.every((p) => p !== null)) return plans.flat() as string[];
  }
  return null;
}
