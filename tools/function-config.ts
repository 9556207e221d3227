/**
 * A cloud function's `config.json`, as WeChat devtools uploads it, plus the two runner knobs the
 * emulator reads from the same file (`timeout`, `concurrency`).
 */
export interface TimerTrigger {
  /** `[A-Za-z][A-Za-z0-9_-]{0,59}`; becomes the timer event's `TriggerName`. */
  readonly name: string;
  /** 7-field cron: sec min hour day month weekday year, read in Asia/Shanghai. */
  readonly cron: string;
}

export interface FunctionConfig {
  /** Seconds before the invocation is killed (platform default 5 via the CLI; 1-900). */
  readonly timeoutSeconds: number;
  /** Instances that may run at once; further invocations queue. */
  readonly concurrency: number;
  /** At most one timer trigger per function, as on the platform. */
  readonly trigger: TimerTrigger | undefined;
  /** `permissions.openapi`, e.g. `subscribeMessage.send`. */
  readonly openapi: readonly string[];
}

export const DEFAULT_TIMEOUT_SECONDS = 5;
export const MAX_TIMEOUT_SECONDS = 900;
export const DEFAULT_CONCURRENCY = 10;

const TRIGGER_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,59}$/;

export class FunctionConfigError extends Error {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`${file}: ${detail}`);
    this.name = 'FunctionConfigError';
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Validates a parsed `config.json`; `file` names it in errors. An absent file is `{}`. */
export function parseFunctionConfig(raw: unknown, file: string): FunctionConfig {
  const fail = (detail: string) => new FunctionConfigError(file, detail);
  if (!isRecord(raw)) throw fail('must be a JSON object');

  const timeoutSeconds = raw.timeout ?? DEFAULT_TIMEOUT_SECONDS;
  if (typeof timeoutSeconds !== 'number' || !(timeoutSeconds > 0) || timeoutSeconds > MAX_TIMEOUT_SECONDS) {
    throw fail(`timeout must be a number of seconds in (0, ${MAX_TIMEOUT_SECONDS}]`);
  }

  const concurrency = raw.concurrency ?? DEFAULT_CONCURRENCY;
  if (typeof concurrency !== 'number' || !Number.isInteger(concurrency) || concurrency < 1) {
    throw fail('concurrency must be a positive integer');
  }

  return { timeoutSeconds, concurrency, trigger: parseTriggers(raw.triggers, fail), openapi: parseOpenapi(raw, fail) };
}

function parseTriggers(raw: unknown, fail: (detail: string) => Error): TimerTrigger | undefined {
  if (raw === undefined) return undefined;
  if (!Array.isArray(raw)) throw fail('triggers must be an array');
  if (raw.length > 1) throw fail('a function has at most one trigger');
  const [trigger] = raw as unknown[];
  if (trigger === undefined) return undefined;
  if (!isRecord(trigger)) throw fail('a trigger must be an object');
  if (trigger.type !== 'timer') throw fail(`trigger type ${JSON.stringify(trigger.type)} is not "timer"`);
  if (typeof trigger.name !== 'string' || !TRIGGER_NAME.test(trigger.name)) {
    throw fail('trigger name must match [A-Za-z][A-Za-z0-9_-]{0,59}');
  }
  if (typeof trigger.config !== 'string' || trigger.config.trim() === '') {
    throw fail('trigger config must be a cron string');
  }
  return { name: trigger.name, cron: trigger.config.trim() };
}

function parseOpenapi(raw: Record<string, unknown>, fail: (detail: string) => Error): readonly string[] {
  if (raw.permissions === undefined) return [];
  if (!isRecord(raw.permissions)) throw fail('permissions must be an object');
  const openapi = raw.permissions.openapi ?? [];
  if (!Array.isArray(openapi) || !openapi.every((name): name is string => typeof name === 'string')) {
    throw fail('permissions.openapi must be an array of API names');
  }
  return openapi;
}
