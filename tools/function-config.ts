/**
 * A cloud function's `config.json`, as WeChat devtools uploads it, plus what the emulator and the deploy
 * read from the same file: the runner knobs (`timeout`, `concurrency`) and the function's HTTP access route
 * (`http`).
 */
export interface TimerTrigger {
  /** `[A-Za-z][A-Za-z0-9_-]{0,59}`; becomes the timer event's `TriggerName`. */
  readonly name: string;
  /** 7-field cron: sec min hour day month weekday year, read in Asia/Shanghai. */
  readonly cron: string;
}

/** An HTTP access service (HTTP 访问服务) route: requests under `path` are handed to the function. */
export interface HttpRoute {
  /** Absolute, no trailing slash, `[a-z0-9-/]` only, e.g. `/admin-api`; unique across functions. */
  readonly path: string;
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
  /** `http.path`: the function's HTTP access route, if it has one. */
  readonly http: HttpRoute | undefined;
}

export const DEFAULT_TIMEOUT_SECONDS = 5;
export const MAX_TIMEOUT_SECONDS = 900;
export const DEFAULT_CONCURRENCY = 10;

const TRIGGER_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,59}$/;
/** One or more `/segment`s of lowercase letters, digits and dashes: absolute, no trailing or double slash. */
const HTTP_PATH = /^(\/[a-z0-9-]+)+$/;

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

  return {
    timeoutSeconds,
    concurrency,
    trigger: parseTriggers(raw.triggers, fail),
    openapi: parseOpenapi(raw, fail),
    http: parseHttp(raw.http, fail),
  };
}

/**
 * Two functions may not claim the same HTTP path. Checked where every function's config is read together
 * (cloudbaserc.json, the deploy plan, the emulator); `file` names the config.json of each function.
 */
export function checkUniqueHttpPaths(
  functions: readonly { readonly name: string; readonly file: string; readonly config: FunctionConfig }[],
): void {
  const owners = new Map<string, string>();
  for (const { name, file, config } of functions) {
    if (!config.http) continue;
    const owner = owners.get(config.http.path);
    if (owner !== undefined) {
      throw new FunctionConfigError(file, `http.path ${config.http.path} is already the route of ${owner}`);
    }
    owners.set(config.http.path, name);
  }
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

function parseHttp(raw: unknown, fail: (detail: string) => Error): HttpRoute | undefined {
  if (raw === undefined) return undefined;
  if (!isRecord(raw)) throw fail('http must be an object like { "path": "/admin-api" }');
  if (typeof raw.path !== 'string' || !HTTP_PATH.test(raw.path)) {
    throw fail(
      `http.path must be an absolute path of [a-z0-9-] segments without a trailing slash, e.g. "/admin-api" (found ${JSON.stringify(raw.path)})`,
    );
  }
  return { path: raw.path };
}
