import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { discoverFunctions } from './discover-functions';
import { FunctionRunner, type FunctionRunnerOptions } from './function-runner';
import { handleInvokeFunction, INVOKE_FUNCTION_ACTION } from './invoke-function-action';

/** The plain-JS fixture functions beside this file. */
export const FIXTURES_ROOT = fileURLToPath(new URL('./fixtures', import.meta.url));

export interface TestEmulator {
  readonly runner: FunctionRunner;
  readonly url: string;
  /** Every `/admin` body received, in order. */
  readonly adminBodies: Record<string, unknown>[];
  close(): Promise<void>;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
}

/**
 * For tests: the fixture functions on a runner, and a stand-in `/admin` on 127.0.0.1 that answers
 * `functions.invokeFunction` through `handleInvokeFunction` and `database.getDocument` with no rows.
 * The emulator's real HTTP server takes its place when the pieces are mounted together.
 */
export async function startTestEmulator(
  options: Partial<Omit<FunctionRunnerOptions, 'emulatorUrl'>> = {},
): Promise<TestEmulator> {
  const adminBodies: Record<string, unknown>[] = [];
  const mounted: { runner?: FunctionRunner } = {};
  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await readJson(req);
      adminBodies.push(body);
      let answer: unknown;
      if (req.url?.startsWith('/admin') && body.action === INVOKE_FUNCTION_ACTION && mounted.runner) {
        answer = await handleInvokeFunction(mounted.runner, body);
      } else if (body.action === 'database.getDocument') {
        answer = { requestId: 'stub', data: { list: [] } };
      } else {
        answer = { requestId: 'stub', code: 'ACTION_NOT_SUPPORTED', message: String(body.action) };
      }
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(answer));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const functions = options.functions ?? (await discoverFunctions(FIXTURES_ROOT));
  const runner = new FunctionRunner({ ...options, functions, emulatorUrl: url });
  mounted.runner = runner;
  return {
    runner,
    url,
    adminBodies,
    async close() {
      await runner.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
