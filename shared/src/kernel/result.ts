import type { ErrorCode } from './errors';

/** A failure as it crosses layers: a stable code plus an optional developer-facing detail. */
export interface Failure<C extends string = ErrorCode> {
  readonly code: C;
  readonly detail?: string;
}

/** The outcome of an operation that can fail in an expected way. Unexpected failures throw. */
export type Result<T, E = Failure> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });

export const fail = <C extends string = ErrorCode>(code: C, detail?: string): Result<never, Failure<C>> => ({
  ok: false,
  error: detail === undefined ? { code } : { code, detail },
});

export const isOk = <T, E>(r: Result<T, E>): r is { readonly ok: true; readonly value: T } => r.ok;
