import { ERROR_CODES, type ErrorCode, userMessage } from './errors';
import * as z from './zod';
import type { ZodType } from './zod';

/** What every callable cloud function returns, and what the mini-program receives. */
export type Envelope<T> =
  | { readonly ok: true; readonly data: T }
  | { readonly ok: false; readonly error: { readonly code: ErrorCode; readonly message: string } };

export const success = <T>(data: T): Envelope<T> => ({ ok: true, data });

export const failure = (code: ErrorCode, message: string = userMessage(code)): Envelope<never> => ({
  ok: false,
  error: { code, message },
});

const errorBodySchema = z.object({ code: z.enum(ERROR_CODES), message: z.string() });

/** A schema for `Envelope<T>`: the client parses responses with it, so a server drift surfaces as an error. */
export function envelopeSchema<T extends ZodType>(data: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), data }),
    z.object({ ok: z.literal(false), error: errorBodySchema }),
  ]);
}
