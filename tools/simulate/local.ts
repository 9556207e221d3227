/**
 * The emulator a run starts for itself when it is given no `--url`: in memory, with the repo's bundled
 * functions on the simulated clock, its own cron timers off (the simulator runs the jobs), CloudPay's
 * notification retries on the simulated clock too, and hooks feeding the run's telemetry. The functions'
 * JSON log lines, which the workers write to this process's stdout and stderr, go to a file instead.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCloudFunctions } from '../build-cloudfunctions';
import { type Emulator, startEmulator } from '../../emulator/src/index';
import { OUTAGE_CRASHES } from './chaos';
import type { SimClock } from './clock';
import type { Telemetry } from './telemetry';

export interface LocalEmulator {
  readonly url: string;
  readonly emulator: Emulator;
  /** Where the functions' log lines went, and how many there were per level. */
  readonly logFile: string;
  readonly logLines: Readonly<Record<string, number>>;
  /** Payments whose notification CloudPay gave up on, never acknowledged by any delivery. */
  lostNotifications(): number;
  stop(): Promise<void>;
}

/**
 * CloudPay's notification retries, in simulated ms: WeChat Pay's first steps (15 s, 15 s, 30 s, then every
 * minute here), and fewer attempts than an outage crashes, so a payment whose 8 attempts (5 simulated
 * minutes) all fall inside an outage is lost for good, as one WeChat gives up on after a day would be.
 */
const RETRY_MS = [15_000, 15_000, 30_000, 60_000];
const DELIVERY_ATTEMPTS = OUTAGE_CRASHES - 2;

export async function startLocalEmulator(
  clock: SimClock,
  telemetry: Telemetry,
  options: { readonly build: boolean; readonly functionsRoot?: string },
): Promise<LocalEmulator> {
  if (options.build) await buildCloudFunctions(options.functionsRoot);
  const late: { emulator?: Emulator } = {};
  const emulator = await startEmulator({
    port: 0,
    memory: true,
    timers: false,
    ...(options.functionsRoot ? { functionsRoot: options.functionsRoot } : {}),
    functionEnv: clock.env(),
    maxQueue: 5_000,
    callbackDelivery: {
      retryDelaysMs: RETRY_MS.map((ms) => Math.max(20, Math.round(clock.realMs(ms)))),
      maxAttempts: DELIVERY_ATTEMPTS,
    },
    onInvocation: (record) => telemetry.recordInvocation(record),
    onRequest: (record) => {
      if (!record.action.startsWith('database.')) return;
      const token = (record.body as { wxCloudApiToken?: unknown } | undefined)?.wxCloudApiToken;
      const active = typeof token === 'string' && token ? late.emulator?.runner.activeInvocation(token) : undefined;
      telemetry.recordDbRequest(active?.functionName);
    },
  });
  late.emulator = emulator;
  const logs = captureFunctionLogs(join(tmpdir(), `simulate-functions-${process.pid}-${Date.now()}.log`));
  return {
    url: emulator.url,
    emulator,
    logFile: logs.file,
    logLines: logs.counts,
    lostNotifications() {
      const acknowledged = new Set<string>();
      const payments = new Set<string>();
      for (const record of emulator.pay.delivery.history()) {
        if (record.kind !== 'payment') continue;
        payments.add(record.key);
        if (record.outcome === 'acknowledged') acknowledged.add(record.key);
      }
      return [...payments].filter((key) => !acknowledged.has(key)).length;
    },
    async stop() {
      await emulator.stop();
      logs.restore();
    },
  };
}

/**
 * Diverts the functions' structured log lines (JSON with `level` and `fn`) from this process's stdout and
 * stderr to a file, counting them per level; everything else is written through as before.
 */
function captureFunctionLogs(file: string) {
  writeFileSync(file, '');
  const counts: Record<string, number> = {};
  const streams = [process.stdout, process.stderr];
  const originals = streams.map((stream) => stream.write.bind(stream));
  streams.forEach((stream, i) => {
    const write = originals[i];
    if (!write) return;
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : undefined;
      const level = text === undefined ? undefined : functionLogLevel(text);
      if (text === undefined || level === undefined) return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
      counts[level] = (counts[level] ?? 0) + text.split('\n').filter(Boolean).length;
      appendFileSync(file, text.endsWith('\n') ? text : `${text}\n`);
      const callback = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
      callback?.();
      return true;
    }) as typeof stream.write;
  });
  return {
    file,
    counts,
    restore() {
      streams.forEach((stream, i) => {
        const write = originals[i];
        if (write) stream.write = write as typeof stream.write;
      });
    },
  };
}

function functionLogLevel(text: string): string | undefined {
  if (!text.startsWith('{"level":"')) return undefined;
  try {
    const line = JSON.parse(text.split('\n')[0] ?? '') as { level?: unknown; fn?: unknown };
    return typeof line.level === 'string' && typeof line.fn === 'string' ? line.level : undefined;
  } catch {
    return undefined;
  }
}
