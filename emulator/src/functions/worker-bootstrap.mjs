// One cloud-function instance, run inside a worker_threads Worker by function-instance.ts.
// Plain JavaScript on purpose: it must run under bare `node` (no tsx). Protocol: worker-protocol.ts.
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';

const require = createRequire(import.meta.url);

/** Error objects as `Name: message`; wx-server-sdk's plain `{ errCode, errMsg }` objects by errMsg. */
function describe(thrown) {
  if (thrown instanceof Error) return { text: String(thrown), stack: thrown.stack };
  if (thrown && typeof thrown === 'object' && typeof thrown.errMsg === 'string') {
    return { text: `errCode: ${thrown.errCode} | errMsg: ${thrown.errMsg}` };
  }
  return { text: String(thrown) };
}

/** Like the SCF runtime: the invocation's environ replaces the previous one in process.env. */
function applyEnviron(environ) {
  for (const [key, value] of Object.entries(environ)) {
    if (value === null) delete process.env[key];
    else process.env[key] = value;
  }
}

let main;
try {
  main = require(workerData.entry).main;
  if (typeof main !== 'function') throw new TypeError(`${workerData.entry} does not export a main function`);
  parentPort.postMessage({ type: 'ready' });
} catch (thrown) {
  parentPort.postMessage({ type: 'init-failed', error: describe(thrown) });
}

parentPort.on('message', async (message) => {
  applyEnviron(message.environ);
  try {
    const value = await main(message.event, message.context);
    const json = JSON.stringify(value) ?? 'null';
    parentPort.postMessage({ type: 'result', id: message.id, ok: true, json });
  } catch (thrown) {
    parentPort.postMessage({ type: 'result', id: message.id, ok: false, error: describe(thrown) });
  }
});
