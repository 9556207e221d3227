import { envelopeSchema } from '../kernel/envelope';
import type * as z from '../kernel/zod';
import type { ZodType } from '../kernel/zod';

/**
 * Who may call a function:
 * - `user`: a shopper from the mini-program; the runtime requires an OPENID in the WeChat context.
 * - `service`: another function, the cloud console or the platform (no OPENID needed).
 */
export type CallerKind = 'user' | 'service';

/** The request and response of one callable cloud function, shared by the function and the mini-program. */
export interface Contract<
  Name extends string = string,
  Req extends ZodType = ZodType,
  Res extends ZodType = ZodType,
  Caller extends CallerKind = CallerKind,
> {
  readonly name: Name;
  readonly caller: Caller;
  readonly request: Req;
  readonly response: Res;
}

export function defineContract<
  Name extends string,
  Req extends ZodType,
  Res extends ZodType,
  Caller extends CallerKind = 'user',
>(contract: { name: Name; caller?: Caller; request: Req; response: Res }): Contract<Name, Req, Res, Caller> {
  return { ...contract, caller: contract.caller ?? ('user' as Caller) };
}

/** What the caller sends (before parsing: defaults may be omitted). */
export type RequestOf<C extends Contract> = z.input<C['request']>;
/** What the use case receives (after parsing). */
export type ParsedRequestOf<C extends Contract> = z.output<C['request']>;
/** What the use case returns and the caller receives inside `{ ok: true, data }`. */
export type ResponseOf<C extends Contract> = z.output<C['response']>;

export function responseEnvelopeSchema<C extends Contract>(contract: C) {
  return envelopeSchema(contract.response);
}
