/**
 * The built console as static hosting serves it (the emulator's static hosting under ADMIN_CONSOLE_BASE: its
 * files, and index.html for any page of the router's history mode), without the rest of the emulator.
 * Listens on 127.0.0.1 on a free port. The API prefix goes to `api` (by default it answers nothing and drops
 * the connection: a server that is down). The server never keeps the test process alive (it is unref'd) and
 * `close()` ends open connections at once.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { createStaticHosting } from '../../emulator/src/hosting/static-hosting';
import { ADMIN_API_PREFIX, ADMIN_CONSOLE_BASE } from '../../shared/src/contracts/admin/http';

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
  const hosting = createStaticHosting([{ path: ADMIN_CONSOLE_BASE, dir }]);

  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path === ADMIN_API_PREFIX || path.startsWith(`${ADMIN_API_PREFIX}/`)) return api(request, response);
    void hosting(request, response).then((handled) => {
      if (!handled) response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    });
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
