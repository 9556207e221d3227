import { BSONRegExp, EJSON, ObjectId } from 'bson';
import { invalidParam } from './errors';
import { isPlainObject, type Doc } from './values';

const SERVER_DATE = '$tcb_server_date';

/** JS RegExp flags that MongoDB regex options map onto; `g`, `y` and `d` mean nothing to a query. */
const REGEX_FLAGS = new Set(['i', 'm', 's', 'u']);

function toRegExp(re: BSONRegExp): RegExp {
  if (re.options.includes('x')) throw invalidParam('regex option x (extended) is not supported');
  const flags = [...re.options].filter((f) => REGEX_FLAGS.has(f)).join('');
  return new RegExp(re.pattern, flags);
}

/** Resolves the CloudBase extensions in a decoded EJSON value: BSON regexes and `$tcb_server_date`. */
function resolveExtensions(value: unknown, now: number): unknown {
  if (value instanceof BSONRegExp) return toRegExp(value);
  if (Array.isArray(value)) return value.map((v) => resolveExtensions(v, now));
  if (!isPlainObject(value)) return value;
  const serverDate = value[SERVER_DATE];
  if (serverDate !== undefined && Object.keys(value).length === 1) {
    const offset = isPlainObject(serverDate) && typeof serverDate['offset'] === 'number' ? serverDate['offset'] : 0;
    return new Date(now + offset);
  }
  const out: Doc = {};
  for (const [k, v] of Object.entries(value)) out[k] = resolveExtensions(v, now);
  return out;
}

/**
 * Decodes one request field: an EJSON string (what the SDK sends) or an already-parsed EJSON object.
 * `now` is the request's server time, so every `serverDate()` in one request resolves to the same instant.
 */
export function decodeField(raw: unknown, now: number, name: string): unknown {
  if (raw === undefined || raw === null || raw === '') return undefined;
  let parsed: unknown;
  try {
    parsed = typeof raw === 'string' ? EJSON.parse(raw, { relaxed: true }) : EJSON.deserialize(raw as Doc);
  } catch (error) {
    throw invalidParam(`${name} is not valid EJSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  return resolveExtensions(parsed, now);
}

/** Decodes a field that must be an object (query, update, projection, order). */
export function decodeObject(raw: unknown, now: number, name: string): Doc | undefined {
  const value = decodeField(raw, now, name);
  if (value === undefined) return undefined;
  if (!isPlainObject(value)) throw invalidParam(`${name} must be an object`);
  return value;
}

/** Canonical EJSON, as documents are stored and compared. */
export const encodeDoc = (doc: unknown): string => EJSON.stringify(doc, { relaxed: false });

/**
 * The value with every ObjectId as its 24-character hex string, as CloudBase answers them; unchanged parts are
 * shared, not copied.
 */
export function objectIdsAsHex(value: unknown): unknown {
  if (value instanceof ObjectId) return value.toHexString();
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    value.forEach((item: unknown, i) => {
      const hex = objectIdsAsHex(item);
      if (hex !== item) (out ??= [...value])[i] = hex;
    });
    return out ?? value;
  }
  if (!isPlainObject(value)) return value;
  let out: Doc | undefined;
  for (const [key, item] of Object.entries(value)) {
    const hex = objectIdsAsHex(item);
    if (hex !== item) (out ??= { ...value })[key] = hex;
  }
  return out ?? value;
}

/**
 * A document as CloudBase answers it: canonical EJSON, except that ObjectIds are 24-character hex strings
 * (the SDK's bson 4 would turn `{"$oid": ...}` into an ObjectId that its result formatting empties to `{}`).
 */
export const encodeAnswerDoc = (doc: unknown): string => encodeDoc(objectIdsAsHex(doc));
