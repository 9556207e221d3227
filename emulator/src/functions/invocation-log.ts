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
  readonly coldStart: boolean;
  /** Worker start plus loading the bundle, on a cold start. */
  readonly initMs: number | undefined;
  readonly ok: boolean;
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
 * One terminal line per invocation, aligned key=value, e.g.
 * `fn=openGroup       user=3f2a9c01bb7e src=wx_client  42ms cold(init 180ms) ok req=…`.
 */
export function formatInvocationRecord(record: InvocationRecord): string {
  const start = record.coldStart ? `cold(init ${Math.round(record.initMs ?? 0)}ms)` : 'warm';
  const queued = record.queuedMs >= 1 ? ` queued=${Math.round(record.queuedMs)}ms` : '';
  const result = record.ok
    ? `ok${record.resultCode && record.resultCode !== 'ok' ? ` result=${record.resultCode}` : ''}`
    : `error=${record.errorCode ?? 'UNKNOWN'} ${JSON.stringify(record.errorMessage ?? '')}`;
  return [
    `fn=${record.function.padEnd(18)}`,
    `user=${(record.openidHash ?? '-').padEnd(12)}`,
    `src=${record.source.padEnd(14)}`,
    `${String(Math.round(record.durationMs)).padStart(5)}ms`,
    `${start}${queued}`,
    result,
    `req=${record.requestId}`,
  ].join(' ');
}
