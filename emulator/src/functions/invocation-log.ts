import { createHash } from 'node:crypto';

/** One line of the runner's history: what ran, for whom (hashed), how long, cold or warm, and how it ended. */
export interface InvocationRecord {
  readonly requestId: string;
  readonly function: string;
  /** First 12 hex digits of sha256(openid); absent when the caller had no openid. */
  readonly openidHash: string | undefined;
  readonly source: string;
  /** ISO time the invocation was accepted (before any queueing). */
  readonly startedAt: string;
  /** Waiting for an instance: a warm one to free up, or one to start (then `initMs` of it overlaps). */
  readonly queuedMs: number;
  /** From getting a started instance to the answer. */
  readonly durationMs: number;
  /** It ran first on a new instance that was not ready when it arrived: it waited for (paid for) the start. */
  readonly coldStart: boolean;
  /** Worker start plus loading the bundle, on a cold start. */
  readonly initMs: number | undefined;
  /** The invocation did not fail (it answered), whatever the answer says. */
  readonly ok: boolean;
  /** `failed`: no answer (threw, timed out, crashed, throttled); `refused`: it answered with an error code. */
  readonly outcome: InvocationOutcome;
  /**
   * What the answer says about itself: the envelope's error code (`GROUP_FULL`), `ok` for `{ ok: true }`,
   * `errcode=N` for a callback reply; absent for other answers and failures.
   */
  readonly resultCode: string | undefined;
  /** Platform error code string on failure, e.g. `FUNCTIONS_EXECUTE_FAIL`. */
  readonly errorCode: string | undefined;
  readonly errorMessage: string | undefined;
  /** For the emulator's own log only; never sent to a caller. */
  readonly errorStack: string | undefined;
}

export type InvocationOutcome = 'ok' | 'refused' | 'failed';

/** `refused` for an envelope `{ ok: false, error: { code } }` or a callback reply `{ errcode: N }` with N ≠ 0. */
export function outcomeOf(ok: boolean, resultCode: string | undefined): InvocationOutcome {
  if (!ok) return 'failed';
  return resultCode === undefined || resultCode === 'ok' || resultCode === 'errcode=0' ? 'ok' : 'refused';
}

/** Reads the result code of an answer (see `InvocationRecord.resultCode`). */
export function resultCodeOf(answer: unknown): string | undefined {
  if (typeof answer !== 'object' || answer === null) return undefined;
  const { ok, error, errcode } = answer as { ok?: unknown; error?: { code?: unknown }; errcode?: unknown };
  if (ok === true) return 'ok';
  if (ok === false && typeof error?.code === 'string') return error.code;
  if (typeof errcode === 'number') return `errcode=${errcode}`;
  return undefined;
}

export function hashOpenid(openid: string | undefined): string | undefined {
  return openid === undefined ? undefined : createHash('sha256').update(openid).digest('hex').slice(0, 12);
}

/** A bounded, oldest-first history. */
export class InvocationHistory {
  private readonly records: InvocationRecord[] = [];

  constructor(private readonly capacity: number) {}

  add(record: InvocationRecord): void {
    this.records.push(record);
    if (this.records.length > this.capacity) this.records.splice(0, this.records.length - this.capacity);
  }

  list(): InvocationRecord[] {
    return [...this.records];
  }
}

/**
 * The emulator's log line for an invocation: one JSON object, with the keys the functions' own log lines start
 * with (`level`, `message`, `fn`, `requestId`), so the whole log is JSON lines, e.g.
 * `{"level":"info","message":"refused GROUP_FULL","fn":"joinGroup","requestId":"…","event":"invocation",
 * "user":"3f2a9c01bb7e","source":"wx_client","durationMs":42,"queuedMs":0,"start":"warm","outcome":"refused",
 * "code":"GROUP_FULL"}`. `message` is `ok`, `refused <code>` or `failed <platform code>`.
 */
export function formatInvocationRecord(record: InvocationRecord): string {
  const failed = record.outcome === 'failed';
  const code = failed ? (record.errorCode ?? 'UNKNOWN') : record.outcome === 'refused' ? record.resultCode : undefined;
  const line = {
    level: failed ? 'error' : 'info',
    message: code === undefined ? record.outcome : `${record.outcome} ${code}`,
    fn: record.function,
    requestId: record.requestId,
    event: 'invocation',
    user: record.openidHash ?? null,
    source: record.source,
    durationMs: Math.round(record.durationMs),
    queuedMs: Math.round(record.queuedMs),
    start: record.coldStart ? 'cold' : 'warm',
    ...(record.coldStart && record.initMs !== undefined ? { initMs: Math.round(record.initMs) } : {}),
    outcome: record.outcome,
    ...(code === undefined ? {} : { code }),
    ...(failed ? { error: record.errorMessage ?? '', ...(record.errorStack ? { stack: record.errorStack } : {}) } : {}),
  };
  return JSON.stringify(line);
}

/** A line a function wrote to its console. */
export interface FunctionOutput {
  readonly function: string;
  readonly stream: 'stdout' | 'stderr';
  readonly text: string;
}

const parseObject = (text: string): Record<string, unknown> | undefined => {
  if (!text.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
};

/**
 * A function's console line in the log's JSON-lines format: a JSON object (the functions' structured logger
 * writes those, with `fn` and `requestId`) passes through, given `fn` if it lacks one; any other text
 * (`console.log('…')`, the SDK's `[TCB][WARN] …`) becomes `{"level":"info"|"error","message":text,"fn":…}`.
 */
export function formatFunctionOutput(output: FunctionOutput): string {
  const text = output.text.trimEnd();
  const object = parseObject(text);
  if (object) return 'fn' in object ? text : JSON.stringify({ ...object, fn: output.function });
  return JSON.stringify({ level: output.stream === 'stderr' ? 'error' : 'info', message: text, fn: output.function });
}
