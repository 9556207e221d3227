/**
 * The HTTP access service on the emulator's port: every function whose `config.json` declares
 * `"http": { "path": "/p" }` is served at `/p` and under `/p/`, for any method. The request becomes the
 * integration request the function receives as its event (invoked through the runner with `SOURCE=wx_http`
 * and no openid, as for any caller from the web); what it returns becomes the response (`integration.ts`).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { checkUniqueHttpPaths, FunctionConfigError } from '../../../tools/function-config';
import { type FunctionDefinition, FunctionInvocationError, type FunctionRunner } from '../functions';
import { BodyTooLargeError, discardRest, readBody } from '../gateway/read-body';
import type { RouteHandler } from '../http/server';
import {
  BadFunctionResponse,
  httpAnswer,
  integrationRequest,
  isTextContentType,
  MAX_BINARY_BODY_BYTES,
  MAX_RESPONSE_BYTES,
  MAX_TEXT_BODY_BYTES,
} from './integration';

export interface HttpAccessOptions {
  readonly runner: FunctionRunner;
  readonly envId: string;
  /** From `httpRoutes`, checked before the emulator starts. */
  readonly routes: readonly HttpRoute[];
}

export interface HttpRoute {
  readonly path: string;
  readonly functionName: string;
}

/**
 * The routes the functions declare, longest path first. Throws `FunctionConfigError` when two share a path, or
 * when one is on or under a path the emulator answers itself (`reserved`: `/admin`, `/fn`, a static site's folder).
 */
export function httpRoutes(functions: readonly FunctionDefinition[], reserved: readonly string[] = []): HttpRoute[] {
  checkUniqueHttpPaths(functions.map(({ name, dir, config }) => ({ name, file: join(dir, 'config.json'), config })));
  const routes: HttpRoute[] = [];
  for (const { name, dir, config } of functions) {
    if (!config.http) continue;
    const path = config.http.path;
    const clash = reserved.find((own) => under(path, own) || under(own, path));
    if (clash !== undefined) {
      throw new FunctionConfigError(
        join(dir, 'config.json'),
        `http.path ${path} overlaps ${clash}, which the emulator serves itself`,
      );
    }
    routes.push({ path, functionName: name });
  }
  return routes.sort((a, b) => b.path.length - a.path.length);
}

/** Whether `path` is `prefix` or below it (`/admin-api`, `/admin-api/x`; not `/admin-apix`). */
function under(path: string, prefix: string): boolean {
  const base = prefix.replace(/\/+$/, '');
  return path === base || path.startsWith(`${base}/`);
}

interface ServiceError {
  readonly status: number;
  readonly code: string;
  readonly message: string;
}

/** The service's own refusals: `{ code, message, requestId }` as JSON. */
function sendServiceError(res: ServerResponse, error: ServiceError, requestId: string): void {
  const text = JSON.stringify({ code: error.code, message: error.message, requestId });
  res.writeHead(error.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

const FAILURE_STATUS = { not_found: 404, throttled: 429, timeout: 504, execute_fail: 502, closed: 503 } as const;

export function createHttpAccess(options: HttpAccessOptions): RouteHandler {
  const { routes } = options;

  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const route = routes.find((candidate) => under(path, candidate.path));
    if (!route) return false;
    const requestId = randomUUID().replaceAll('-', '');

    const text = isTextContentType(req.headers['content-type']);
    const limit = text ? MAX_TEXT_BODY_BYTES : MAX_BINARY_BODY_BYTES;
    let body: Buffer;
    try {
      body = await readBody(req, limit);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      sendServiceError(
        res,
        {
          status: 413,
          code: 'EXCEED_MAX_PAYLOAD_SIZE',
          message: `request body is larger than ${limit} bytes (${text ? 'text' : 'binary'} content type)`,
        },
        requestId,
      );
      discardRest(req);
      return true;
    }

    const event = integrationRequest({
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      headers: req.headers,
      headersDistinct: req.headersDistinct,
      body,
      requestId,
      envId: options.envId,
    });
    const clientIp = req.socket.remoteAddress?.replace(/^::ffff:/, '');
    let answer;
    try {
      const { result } = await options.runner.invoke(
        route.functionName,
        event,
        { source: 'wx_http', ...(clientIp ? { clientIp } : {}) },
        { requestId },
      );
      answer = httpAnswer(result);
    } catch (error) {
      if (error instanceof FunctionInvocationError) {
        // The caller is on the web: the function's own error text stays in the invocation log.
        const status = FAILURE_STATUS[error.failure];
        sendServiceError(res, { status, code: error.code, message: 'the function failed to answer' }, requestId);
        return true;
      }
      if (error instanceof BadFunctionResponse) {
        sendServiceError(res, { status: 502, code: 'INVALID_FUNCTION_RESPONSE', message: error.message }, requestId);
        return true;
      }
      throw error;
    }
    if (answer.body.length > MAX_RESPONSE_BYTES) {
      sendServiceError(
        res,
        {
          status: 502,
          code: 'EXCEED_MAX_RESPONSE_SIZE',
          message: `the answer is larger than ${MAX_RESPONSE_BYTES} bytes`,
        },
        requestId,
      );
      return true;
    }
    res.writeHead(answer.status, {
      ...answer.headers,
      'content-length': answer.body.length,
      'x-request-id': requestId,
    });
    res.end(req.method === 'HEAD' ? undefined : answer.body);
    return true;
  };
}
