import { readFileSync } from 'node:fs';

/** One key of an index; `2dsphere` marks a geo index on GeoJSON points (CloudBase "地理位置索引"). */
export interface IndexKey {
  readonly field: string;
  readonly direction: 1 | -1 | '2dsphere';
}

export interface IndexSpec {
  readonly name: string;
  readonly keys: readonly IndexKey[];
  readonly unique: boolean;
}

/** The declared collections and their indexes, e.g. `shared/src/server/cloudbase/indexes.json`. */
export type IndexDeclarations = ReadonlyMap<string, readonly IndexSpec[]>;

function fail(file: string, message: string): never {
  throw new Error(`${file}: ${message}`);
}

function parseKey(file: string, where: string, raw: unknown): IndexKey {
  const key = raw as { field?: unknown; direction?: unknown } | null;
  if (typeof key?.field !== 'string' || key.field === '' || key.field.startsWith('$')) {
    fail(file, `${where}: field must be a non-empty field path`);
  }
  if (key.direction !== 1 && key.direction !== -1 && key.direction !== '2dsphere') {
    fail(file, `${where}: direction must be 1, -1 or "2dsphere"`);
  }
  return { field: key.field, direction: key.direction };
}

function parseSpec(file: string, collection: string, raw: unknown, i: number): IndexSpec {
  const spec = raw as { name?: unknown; keys?: unknown; unique?: unknown } | null;
  const where = `collections.${collection}.indexes[${i}]`;
  if (typeof spec?.name !== 'string' || spec.name === '') fail(file, `${where}: name is required`);
  if (!Array.isArray(spec.keys) || spec.keys.length === 0) fail(file, `${where}: keys must be a non-empty array`);
  const keys = spec.keys.map((k, j) => parseKey(file, `${where}.keys[${j}]`, k));
  const unique = spec.unique ?? false;
  if (typeof unique !== 'boolean') fail(file, `${where}: unique must be a boolean`);
  const geo = keys.filter((k) => k.direction === '2dsphere').length;
  if (geo > 0 && (keys.length > 1 || unique))
    fail(file, `${where}: a 2dsphere index has exactly one key and is not unique`);
  if (spec.name === '_id_' || keys.some((k) => k.field === '_id')) fail(file, `${where}: _id is always indexed`);
  return { name: spec.name, keys, unique };
}

/** Reads and validates an index declaration file; a malformed file is a startup error, never ignored. */
export function loadIndexDeclarations(file: string): IndexDeclarations {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    fail(file, error instanceof Error ? error.message : String(error));
  }
  const collections = (json as { collections?: unknown } | null)?.collections;
  if (collections === null || typeof collections !== 'object' || Array.isArray(collections)) {
    fail(file, 'expected { "collections": { "<name>": { "indexes": [...] } } }');
  }
  const out = new Map<string, IndexSpec[]>();
  for (const [name, entry] of Object.entries(collections)) {
    const indexes = (entry as { indexes?: unknown } | null)?.indexes ?? [];
    if (!Array.isArray(indexes)) fail(file, `collections.${name}.indexes must be an array`);
    const specs = indexes.map((raw, i) => parseSpec(file, name, raw, i));
    const names = new Set(specs.map((s) => s.name));
    if (names.size !== specs.length) fail(file, `collections.${name}: index names must be unique`);
    out.set(name, specs);
  }
  return out;
}
