/**
 * `npm run emulator` (and `npm start`, which builds the functions first): the local CloudBase on
 * 127.0.0.1 with the Chongqing demo seed and the functions' timers. `--help` lists every flag.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ADMIN_CONSOLE_BASE } from '../../shared/src/contracts/admin/http';
import { CLOCK_ENV } from '../../shared/src/server/runtime/clock';
import { OPS_ADMIN_OPENID } from '../seed/chongqing';
import { demoStaffLines, seedDemo } from '../seed/seed-demo';
import { formatFunctionOutput, formatInvocationRecord } from './functions';
import { startEmulator } from './index';

const DEFAULT_PORT = 8787;
/** The console's build (`npm run build:admin`), served at ADMIN_CONSOLE_BASE as static hosting serves it. */
const DEFAULT_CONSOLE_DIR = fileURLToPath(new URL('../../admin/dist', import.meta.url));

const USAGE = `usage: npm run emulator -- [flags]        (npm start -- [flags] builds the functions first)
  --port N          listen on 127.0.0.1:N; 0 picks a free port (default: $PORT or ${DEFAULT_PORT})
  --memory          keep nothing on disk
  --data DIR        SQLite data directory (default .cloudbase-local)
  --fresh           delete all stored data before starting
  --no-seed         do not seed the Chongqing demo data (catalogue, staff, demo groups) into an empty database
  --no-timers       do not start the functions' timers (run them by hand: POST /_emulator/timers/<fn>/run)
  --indexes FILE    collections and indexes (default shared/src/server/cloudbase/indexes.json)
  --functions DIR   bundled cloud functions (default cloudfunctions/)
  --console DIR     the built console, served at ${ADMIN_CONSOLE_BASE} (default admin/dist; npm start builds it if missing)
  --clock-scale K   run every function's clock K times as fast from now (the simulator's accelerated day)
  --parcel-hours H  a parcel's journey in the 快递100 sandbox, pickup to signed for, in the functions' clock (default 24)
  --quiet           do not print a line per function invocation
  -h, --help        show this help`;

/** `SHANCHENG_CLOCK` for a scale given on the command line: time runs K× from now. */
function clockSetting(text: string): string {
  const scale = Number(text);
  if (!(scale > 0)) throw new Error(`invalid --clock-scale ${text}\n${USAGE}`);
  return JSON.stringify({ origin: Date.now(), scale });
}

function parseHours(text: string): number {
  const hours = Number(text);
  if (!(hours > 0) || hours > 24 * 365) throw new Error(`invalid --parcel-hours ${text}\n${USAGE}`);
  return hours;
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid port ${text}\n${USAGE}`);
  return port;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      memory: { type: 'boolean', default: false },
      data: { type: 'string' },
      fresh: { type: 'boolean', default: false },
      'no-seed': { type: 'boolean', default: false },
      'no-timers': { type: 'boolean', default: false },
      indexes: { type: 'string' },
      functions: { type: 'string' },
      console: { type: 'string' },
      'clock-scale': { type: 'string' },
      'parcel-hours': { type: 'string' },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (values.memory && values.data) throw new Error('--memory and --data exclude each other');
  const consoleDir = values.console ?? DEFAULT_CONSOLE_DIR;
  const emulator = await startEmulator({
    port: parsePort(values.port ?? process.env.PORT ?? String(DEFAULT_PORT)),
    memory: values.memory,
    dataDir: values.data,
    indexesFile: values.indexes,
    functionsRoot: values.functions,
    staticSites: [{ path: ADMIN_CONSOLE_BASE, dir: consoleDir }],
    timers: !values['no-timers'],
    ...(values['clock-scale'] ? { functionEnv: { [CLOCK_ENV]: clockSetting(values['clock-scale']) } } : {}),
    ...(values['parcel-hours'] ? { kuaidi100: { journeyMs: parseHours(values['parcel-hours']) * 3_600_000 } } : {}),
    onInvocation: values.quiet ? undefined : (record) => console.log(formatInvocationRecord(record)),
    onFunctionOutput: (output) => console.log(formatFunctionOutput(output)),
  });
  // Stop cleanly on a signal from here on (a signal right after `# ready` must not find the default handler).
  let stopping = false;
  const shutdown = (): void => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(1), STOP_GRACE_MS).unref();
    emulator.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, shutdown);
  stopWithParent(shutdown);
  if (values.fresh) emulator.reset();

  const shellQuote = (v: string): string => `'${v.replaceAll("'", `'\\''`)}'`;
  console.log(`CloudBase emulator listening on ${emulator.url}`);
  for (const [key, value] of Object.entries(emulator.env)) console.log(`export ${key}=${shellQuote(value)}`);
  console.log(`# storage: ${emulator.dataDir ? `${emulator.dataDir} (SQLite, WAL, synchronous=FULL)` : 'memory only'}`);
  if (!values['no-seed']) console.log(`# ${(await seedDemo(emulator)).summary}`);
  const functions = emulator.runner.functions().map((f) => f.name);
  console.log(`# functions: ${functions.length > 0 ? functions.join(', ') : 'none built (run npm run build:cf)'}`);
  console.log(`# timers: ${values['no-timers'] ? 'off' : `${emulator.scheduler.list().length} running`}`);
  console.log(`# call a function:  curl -X POST ${emulator.url}/fn/ping -H 'x-wx-openid: ${OPS_ADMIN_OPENID}' -d '{}'`);
  console.log(
    `# health ${emulator.url}/_emulator/health · timers ${emulator.url}/_emulator/timers · outbox ${emulator.url}/_emulator/outbox`,
  );
  console.log(`# 快递100 sandbox: parcels ${emulator.url}/_emulator/kuaidi100/parcels (the functions query it)`);
  console.log(
    `# 商家转账 sandbox: bills ${emulator.url}/_emulator/wechatpay/transfer/bills (mchid ${emulator.transfer.mchid}; the functions' WECHATPAY_* point at it)`,
  );
  if (existsSync(join(consoleDir, 'index.html'))) {
    console.log(`Console: ${emulator.url}${ADMIN_CONSOLE_BASE}`);
  } else {
    console.log(`# console: not built (npm run build:admin writes ${consoleDir}; npm start builds it when missing)`);
  }
  if (!values['no-seed']) for (const line of demoStaffLines()) console.log(line);
  console.log('# ready (Ctrl-C stops)');
}

/** How long stopping may take (workers, the database) before the process exits anyway. */
const STOP_GRACE_MS = 5000;

/**
 * `npm start` and `npm run emulator` run this process through a shell, and npm passes a SIGTERM on to that shell
 * only: the shell exits and this process would be left running, port and data directory held. So when npm
 * started it, it stops as soon as its parent is gone (its parent process id changes when it is re-parented).
 */
function stopWithParent(stop: () => void): void {
  const parent = process.ppid;
  if (process.env.npm_lifecycle_event === undefined || parent <= 1) return;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    stop();
  }, 200);
  timer.unref();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
