import { BSONRegExp, EJSON } from 'bson';
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

/** Canonical EJSON, as CloudBase returns documents. */
export const encodeDoc = (doc: unknown): string => EJSON.stringify(doc, { relaxed: false });
