/**
 * `npm run simulate -- [flags]`: plays a Chongqing flash-sale day against the emulator, with its 团长, then ships
 * what it sold, plays the after-sales that follow and pays the leaders what they earned, and prints the invariant report; exits 1 when an invariant
 * breaks. `--help` lists the flags.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { formatReport } from './report';
import { DEFAULTS, type SimulationOptions } from './options';
import { runSimulation } from './scenario';

/** Outside the tracked files, so a run never dirties the tree; `--out bench/results/simulate.json` records one. */
const DEFAULT_OUT = fileURLToPath(new URL('../../node_modules/.cache/simulate/report.json', import.meta.url));

const USAGE = `usage: npm run simulate -- [flags]
  --shoppers N          shoppers in the crowd (default ${DEFAULTS.shoppers})
  --minutes M           simulated minutes during which they arrive (default ${DEFAULTS.minutes})
  --seed S              seed of the crowd and of CloudPay's faults (default ${DEFAULTS.seed})
  --scale K             simulated time runs K× real time (default ${DEFAULTS.scale}: the 15-minute payment
                        window takes 15 s, a 1-hour group 1 minute)
  --concurrency C       requests in flight at most (default ${DEFAULTS.concurrency})
  --refund-failures R   share of CloudPay refund requests that fail (default ${DEFAULTS.refundFailureRate})
  --settle-hours H      simulated hours settling may take, after the sale and after the after-sales
                        (default ${DEFAULTS.settleHours} each)
  --no-after-sales      stop after the sale: ship nothing, ask for no after-sales (团长 then only sell)
  --no-leaders          no 团长: no applications, commission rules, desks or withdrawals
  --url URL             play against this running emulator (HTTP only) instead of starting one in memory
  --origin MS           with --url and --scale ≠ 1: the epoch ms origin of its functions' SHANCHENG_CLOCK
  --functions DIR       the in-memory emulator's functions (default cloudfunctions/)
  --no-build            do not bundle the cloud functions first (in-memory emulator only)
  --out FILE            where the JSON report goes (default node_modules/.cache/simulate/report.json)
  -h, --help            show this help`;

function positive(name: string, text: string | undefined, fallback: number, integer = true): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new Error(`--${name} must be a positive ${integer ? 'integer' : 'number'}, not ${text}\n${USAGE}`);
  }
  return value;
}

function parse(): (SimulationOptions & { readonly out: string }) | undefined {
  const { values } = parseArgs({
    options: {
      shoppers: { type: 'string' },
      minutes: { type: 'string' },
      seed: { type: 'string' },
      scale: { type: 'string' },
      concurrency: { type: 'string' },
      'refund-failures': { type: 'string' },
      'settle-hours': { type: 'string' },
      url: { type: 'string' },
      origin: { type: 'string' },
      functions: { type: 'string' },
      'no-build': { type: 'boolean', default: false },
      'no-after-sales': { type: 'boolean', default: false },
      'no-leaders': { type: 'boolean', default: false },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return undefined;
  }
  const refundFailureRate = Number(values['refund-failures'] ?? DEFAULTS.refundFailureRate);
  if (!(refundFailureRate >= 0 && refundFailureRate <= 1)) throw new Error('--refund-failures must be within 0..1');
  const seed = Number(values.seed ?? DEFAULTS.seed);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, not ${values.seed ?? ''}`);
  return {
    shoppers: positive('shoppers', values.shoppers, DEFAULTS.shoppers),
    minutes: positive('minutes', values.minutes, DEFAULTS.minutes, false),
    seed,
    // Against a running emulator, real time unless told otherwise: its functions' clock is its own.
    scale: positive('scale', values.scale, values.url ? 1 : DEFAULTS.scale, false),
    concurrency: positive('concurrency', values.concurrency, DEFAULTS.concurrency),
    refundFailureRate,
    settleHours: positive('settle-hours', values['settle-hours'], DEFAULTS.settleHours, false),
    ...(values.url ? { url: values.url.replace(/\/$/, '') } : {}),
    ...(values.origin ? { origin: positive('origin', values.origin, 0) } : {}),
    build: !values['no-build'],
    afterSales: !values['no-after-sales'],
    leaders: !values['no-leaders'],
    ...(values.functions ? { functionsRoot: values.functions } : {}),
    out: values.out ?? DEFAULT_OUT,
    progress: (line) => console.log(`# ${line}`),
  };
}

async function main(): Promise<number> {
  const options = parse();
  if (!options) return 0;
  const report = await runSimulation(options);
  console.log(`\n${formatReport(report)}`);
  mkdirSync(dirname(options.out), { recursive: true });
  writeFileSync(options.out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`report written to ${options.out}`);
  return report.ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
