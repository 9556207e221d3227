/**
 * CloudBase's HTTP access service (HTTP 访问服务) between an HTTP request and a cloud function: the integration
 * request (集成请求) the function receives as its event, and how what it returns becomes the HTTP response.
 * Sources: cloud.tencent.com/document/product/876/41776 and docs.cloudbase.net/service/access-cloud-function
 * (the event's fields and an example; a string or number answers 200 text/plain, an object 200 JSON, an
 * integration response sets status, headers and body), docs.cloudbase.net error codes (EXCEED_MAX_PAYLOAD_SIZE:
 * 100 KB for text bodies, 6 MB for others). What those pages leave open is decided here and listed in
 * emulator/README.md (known differences).
 */
import type { IncomingHttpHeaders } from 'node:http';

/** The event a function reached through an HTTP access route receives. */
export interface IntegrationRequest {
  /** The request's path as sent (percent-escapes kept), without the query: `/admin-api/staffLogin`. */
  readonly path: string;
  readonly httpMethod: string;
  /** Header names lower-cased; a repeated header's values joined as Node joins them (`, `, cookies `; `). */
  readonly headers: Record<string, string>;
  /** Every value of every header, for headers sent more than once. */
  readonly multiValueHeaders: Record<string, string[]>;
  /** The query as key → value; a repeated key keeps its last value. */
  readonly queryStringParameters: Record<string, string>;
  readonly requestContext: {
    readonly requestId: string;
    readonly envId: string;
    readonly appId: number;
    readonly uin: number;
  };
  /** The body as text, or base64 when `isBase64Encoded` (a body whose content type is not text). */
  readonly body: string;
  readonly isBase64Encoded: boolean;
}

/** The Tencent Cloud account the emulator pretends the environment belongs to (the docs' example numbers). */
export const LOCAL_APP_ID = 123456789;
export const LOCAL_UIN = 123456789;

/** The HTTP access service's body limits: text types, and everything else (EXCEED_MAX_PAYLOAD_SIZE). */
export const MAX_TEXT_BODY_BYTES = 100 * 1024;
export const MAX_BINARY_BODY_BYTES = 6 * 1024 * 1024;
/** SCF's limit on a synchronous invocation's answer. */
export const MAX_RESPONSE_BYTES = 6 * 1024 * 1024;

const TEXT_TYPES = new Set([
  'application/json',
  'application/javascript',
  'application/xml',
  'application/x-www-form-urlencoded',
  'application/graphql',
]);

/**
 * Whether a body of this content type is text (passed as a string, 100 KB at most) rather than binary
 * (base64, 6 MB). A body without a content type counts as text. Which types CloudBase counts as text is not
 * documented; JSON does here, so the console's requests are held to 100 KB.
 */
export function isTextContentType(contentType: string | undefined): boolean {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return type === '' || type.startsWith('text/') || TEXT_TYPES.has(type) || /\+(json|xml)$/.test(type);
}

export interface RequestFacts {
  readonly method: string;
  /** `req.url`: path and query. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly headersDistinct: Readonly<Record<string, string[] | undefined>>;
  readonly body: Buffer;
  readonly requestId: string;
  readonly envId: string;
}

export function integrationRequest(facts: RequestFacts): IntegrationRequest {
  const url = new URL(facts.url, 'http://localhost');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(facts.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  const text = isTextContentType(headers['content-type']);
  return {
    path: url.pathname,
    httpMethod: facts.method.toUpperCase(),
    headers,
    multiValueHeaders: Object.fromEntries(
      Object.entries(facts.headersDistinct).filter((entry): entry is [string, string[]] => entry[1] !== undefined),
    ),
    queryStringParameters: Object.fromEntries(url.searchParams),
    requestContext: { requestId: facts.requestId, envId: facts.envId, appId: LOCAL_APP_ID, uin: LOCAL_UIN },
    body: text ? facts.body.toString('utf8') : facts.body.toString('base64'),
    isBase64Encoded: !text && facts.body.length > 0,
  };
}

export interface HttpAnswer {
  readonly status: number;
  /** Names lower-cased; a header given several values is sent once per value. */
  readonly headers: Record<string, string | string[]>;
  readonly body: Buffer;
}

/** Headers the service computes itself: whatever the function says about them is not passed on. */
const SERVICE_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'date']);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * An object is taken for an integration response when it has a numeric `statusCode` (how CloudBase tells one
 * apart is not documented, so a function should always return all four fields; `defineHttpFunction` does).
 */
export function isIntegrationResponse(value: unknown): value is Record<string, unknown> & { statusCode: number } {
  return isRecord(value) && typeof value.statusCode === 'number';
}

export class BadFunctionResponse extends Error {}

/** The HTTP response for a function's answer (`result` is its return value after the JSON round trip). */
export function httpAnswer(result: unknown): HttpAnswer {
  if (typeof result === 'string' || typeof result === 'number') {
    return { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: Buffer.from(String(result)) };
  }
  if (!isIntegrationResponse(result)) {
    return {
      status: 200,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: Buffer.from(JSON.stringify(result ?? null)),
    };
  }
  const status = result.statusCode;
  if (!Number.isInteger(status) || status < 100 || status > 599) {
    throw new BadFunctionResponse(`statusCode ${status} is not an HTTP status`);
  }
  const headers: Record<string, string | string[]> = {};
  const add = (name: string, value: unknown) => {
    const key = name.toLowerCase();
    if (SERVICE_HEADERS.has(key) || value === undefined || value === null) return;
    const values = (Array.isArray(value) ? value : [value]).map(String);
    const current = headers[key];
    headers[key] = current === undefined ? values : [...(Array.isArray(current) ? current : [current]), ...values];
  };
  if (isRecord(result.headers)) for (const [name, value] of Object.entries(result.headers)) add(name, value);
  if (isRecord(result.multiValueHeaders)) {
    for (const [name, value] of Object.entries(result.multiValueHeaders)) add(name, value);
  }
  for (const [name, value] of Object.entries(headers))
    if (Array.isArray(value) && value.length === 1) headers[name] = value[0] ?? '';
  const raw = result.body;
  const text = raw === undefined || raw === null ? '' : typeof raw === 'string' ? raw : JSON.stringify(raw);
  const body = result.isBase64Encoded === true ? Buffer.from(text, 'base64') : Buffer.from(text);
  return { status, headers, body };
}
