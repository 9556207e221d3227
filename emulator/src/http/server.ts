import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Doc } from '../db/values';
import { BodyTooLargeError, discardRest } from '../gateway/read-body';
import type { ActionRouter } from './router';
import type { ActionTimings } from './stats';

/** What the capture hook sees for every `/admin` request. */
export interface RequestRecord {
  readonly action: string;
  readonly body: unknown;
  readonly response: Doc;
  /** Time inside the emulator, from parsed body to response ready. */
  readonly engineMs: number;
}

/** Handles a request and returns true, or returns false without touching it when the path is not its own. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

/** A `/admin` call the SDK sends as multipart/form-data (`wx.openApi`, `wx.wxPayApi`), answered raw. */
export type MultipartAdminHandler = (
  body: Buffer,
  contentType: string,
) => Promise<{ readonly status: number; readonly contentType: string; readonly body: Buffer }>;

export interface HttpServerOptions {
  readonly port: number;
  readonly router: ActionRouter;
  readonly timings: ActionTimings;
  readonly onRequest?: ((record: RequestRecord) => void) | undefined;
  /** Tried in order for every request that is not `/admin`; may grow after the server starts. */
  readonly routes?: readonly RouteHandler[];
  readonly multipartAdmin?: MultipartAdminHandler;
}

export interface RunningServer {
  readonly port: number;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 64 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) req.destroy(new Error('request body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, payload: unknown): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The emulator's HTTP face, on 127.0.0.1 only: `POST /admin` (the SDK's endpoint: JSON bodies dispatched by
 * action, multipart ones to the openapi/CloudPay sandboxes), emulator controls under `/_emulator/`
 * (`GET`/`DELETE /_emulator/stats`: per-action engine timings), then the extra routes (gateway, sandboxes).
 */
export function startHttpServer(options: HttpServerOptions): Promise<RunningServer> {
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0];
    const contentType = req.headers['content-type'] ?? '';
    if (req.method === 'POST' && path === '/admin' && contentType.startsWith('multipart/form-data')) {
      const body = await readBody(req);
      const started = performance.now();
      const reply = options.multipartAdmin
        ? await options.multipartAdmin(body, contentType)
        : {
            status: 200,
            contentType: 'application/json; charset=utf-8',
            body: Buffer.from('{"code":"INVALID_ACTION"}'),
          };
      options.timings.record('wx.api', performance.now() - started);
      res.writeHead(reply.status, { 'content-type': reply.contentType, 'content-length': reply.body.length });
      res.end(reply.body);
    } else if (req.method === 'POST' && path === '/admin') {
      const body = parseJson((await readBody(req)).toString('utf8'));
      const started = performance.now();
      const { action, response } = await options.router.dispatch(body);
      const engineMs = performance.now() - started;
      options.timings.record(action || '(invalid)', engineMs);
      options.onRequest?.({ action, body, response, engineMs });
      sendJson(res, 200, response);
    } else if (path === '/_emulator/stats' && req.method === 'GET') {
      sendJson(res, 200, options.timings.summary());
    } else if (path === '/_emulator/stats' && req.method === 'DELETE') {
      options.timings.clear();
      sendJson(res, 200, {});
    } else {
      for (const route of options.routes ?? []) if (await route(req, res)) return;
      sendJson(res, 404, { code: 'NOT_FOUND', message: `${req.method ?? ''} ${path ?? ''} is not served here` });
    }
  };
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) res.destroy();
      else if (error instanceof BodyTooLargeError) {
        // A sandbox refused a body past its limit while reading it: the rest is dropped, not stored.
        sendJson(res, 413, { code: 'BODY_TOO_LARGE', message: error.message });
        discardRest(req);
      } else sendJson(res, 500, { code: 'SYS_ERR', message: String(error) });
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
