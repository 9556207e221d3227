/**
 * The built console as static hosting serves it: files under ADMIN_CONSOLE_BASE, and index.html for any
 * other path there (the router's history mode). Listens on 127.0.0.1 on a free port. The API prefix goes
 * to `api` (by default it answers nothing and drops the connection: a server that is down). The server
 * never keeps the test process alive (it is unref'd) and `close()` ends open connections at once.
 */
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

import { ADMIN_API_PREFIX, ADMIN_CONSOLE_BASE } from '../../shared/src/contracts/admin/http';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export type ApiHandler = (request: IncomingMessage, response: ServerResponse) => void;

/** The API is down: the connection is dropped without an answer. */
export const apiDown: ApiHandler = (request) => request.socket.destroy();

export interface ConsoleServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** `http://127.0.0.1:<port>/console/` */
  readonly consoleUrl: string;
  close(): Promise<void>;
}

export async function serveConsole(dir: string, options: { api?: ApiHandler } = {}): Promise<ConsoleServer> {
  const api = options.api ?? apiDown;
  const root = normalize(dir) + sep;

  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    if (path === ADMIN_API_PREFIX || path.startsWith(`${ADMIN_API_PREFIX}/`)) return api(request, response);
    if (!path.startsWith(ADMIN_CONSOLE_BASE) || (request.method !== 'GET' && request.method !== 'HEAD')) {
      return void response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
    void sendFile(root, path.slice(ADMIN_CONSOLE_BASE.length), response);
  });
  server.unref();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    consoleUrl: `${origin}${ADMIN_CONSOLE_BASE}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function sendFile(root: string, relative: string, response: ServerResponse): Promise<void> {
  const file = normalize(join(root, relative));
  const inside = file.startsWith(root);
  const isFile =
    inside &&
    (await stat(file).then(
      (s) => s.isFile(),
      () => false,
    ));
  // An asset that is missing is a 404; any other path is a page of the console.
  if (!isFile && relative.startsWith('assets/')) {
    return void response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  }
  const target = isFile ? file : join(root, 'index.html');
  const body = await readFile(target);
  response.writeHead(200, {
    'content-type': TYPES[extname(target)] ?? 'application/octet-stream',
    'cache-control': 'no-store',
  });
  response.end(body);
}
