import { EJSON } from 'bson';

export type Doc = Record<string, unknown>;

export function isPlainObject(value: unknown): value is Doc {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Deep copy of plain objects, arrays and dates; BSON value classes are immutable and shared. */
export function cloneValue<T>(value: T): T {
  if (Array.isArray(value)) return value.map(cloneValue) as T;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (!isPlainObject(value)) return value;
  const out: Doc = {};
  for (const [k, v] of Object.entries(value)) out[k] = cloneValue(v);
  return out as T;
}

/** A document's `_id` as a Map key; strings stay as they are unless they could collide with a typed key. */
export function idKey(id: unknown): string {
  if (typeof id === 'string') return id.startsWith('#') ? `#s:${id}` : id;
  if (typeof id === 'number') return `#n:${id}`;
  return `#e:${EJSON.stringify(id, { relaxed: false })}`;
}

/**
 * The values a dotted path reaches in a document, traversing arrays the way MongoDB does
 * (`a.b` on `{ a: [{ b: 1 }, { b: 2 }] }` reaches 1 and 2). Missing paths reach nothing.
 */
export function pathValues(doc: unknown, path: string): unknown[] {
  const out: unknown[] = [];
  const walk = (value: unknown, parts: readonly string[], i: number): void => {
    if (i === parts.length) {
      out.push(value);
      return;
    }
    const part = parts[i] as string;
    if (Array.isArray(value)) {
      if (/^\d+$/.test(part)) walk(value[Number(part)], parts, i + 1);
      else for (const item of value) if (item !== null && typeof item === 'object') walk(item, parts, i);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const next = (value as Doc)[part];
    if (next !== undefined) walk(next, parts, i + 1);
  };
  walk(doc, path.split('.'), 0);
  return out;
}
