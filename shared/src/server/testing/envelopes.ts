/** Reading the envelopes functions answer with, in tests: the data of a success, or the code of a refusal. */

/** A function's answer as a test reads it off the wire (codes as plain strings). */
export type Envelope<T> =
  | { readonly ok: true; readonly data: T }
  | { readonly ok: false; readonly error: { readonly code: string; readonly message: string } };

/** The data of a successful answer; a refusal fails the test with its code. */
export function data<T>(envelope: Envelope<T>): T {
  if (!envelope.ok) throw new Error(`expected ok, got ${envelope.error.code}`);
  return envelope.data;
}

/** `'ok'`, or the refusal's error code. */
export const refusal = (envelope: Envelope<unknown>): string => (envelope.ok ? 'ok' : envelope.error.code);
