import { type Contract, mayAnswer, type ParsedRequestOf, type ResponseOf } from '../../contracts/contract';
import { openidSchema } from '../../domain/common.schema';
import { type Envelope, failure, success } from '../../kernel/envelope';
import { ERROR_MESSAGES, isDomainError } from '../../kernel/errors';
import { type InvocationContext, issuePaths, openInvocation, type RuntimeOptions } from './call-context';
import { describeError } from './logger';
import type { ScfContext } from './wx-context';

/** The use case behind a callable function. `openid` is the caller's, from the WeChat context only. */
export type UseCase<C extends Contract> = (
  input: ParsedRequestOf<C>,
  ctx: CallContext<C>,
) => Promise<ResponseOf<C>> | ResponseOf<C>;

export type CallContext<C extends Contract> = InvocationContext & {
  readonly openid: C['caller'] extends 'user' ? string : string | undefined;
};

export type CallableMain<C extends Contract> = (
  event: unknown,
  context?: ScfContext,
) => Promise<Envelope<ResponseOf<C>>>;

/**
 * A callable cloud function: parse the event with the contract (unknown keys dropped, so an `openid` in
 * the event never reaches the use case), take identity from `getWXContext()`, run the use case, and
 * answer with the envelope. Expected failures (a DomainError whose code the contract lists) keep their
 * code; anything else is logged with the request id and returned as INTERNAL without a stack.
 */
export function defineFunction<C extends Contract>(
  contract: C,
  useCase: UseCase<C>,
  options: RuntimeOptions = {},
): CallableMain<C> {
  return async (event, context) => {
    const ctx = openInvocation(contract.name, context, options);
    try {
      // An identity the platform would never give (empty, or longer than an openid can be) is none.
      const openid = openidSchema.safeParse(ctx.wx.openid).success ? ctx.wx.openid : undefined;
      if (contract.caller === 'user' && openid === undefined) return failure('UNAUTHENTICATED');

      const parsed = contract.request.safeParse(event ?? {});
      if (!parsed.success) {
        ctx.log.info('invalid argument', { paths: issuePaths(parsed.error.issues) });
        return failure('INVALID_ARGUMENT', `${ERROR_MESSAGES.INVALID_ARGUMENT}（${issuePaths(parsed.error.issues)}）`);
      }

      const result = await useCase(parsed.data as ParsedRequestOf<C>, { ...ctx, openid } as CallContext<C>);
      const checked = contract.response.safeParse(result);
      if (!checked.success) {
        ctx.log.error('response broke its contract', { paths: issuePaths(checked.error.issues) });
        return failure('INTERNAL');
      }
      return success(checked.data as ResponseOf<C>);
    } catch (error) {
      if (isDomainError(error) && mayAnswer(contract, error.code)) {
        ctx.log.info('domain error', { code: error.code, detail: error.detail });
        return failure(error.code);
      }
      if (isDomainError(error)) {
        // The contract is the API: a code it does not list is a bug here, not an answer to give.
        ctx.log.error('error code not in the contract', { code: error.code, detail: error.detail });
        return failure('INTERNAL');
      }
      ctx.log.error('unhandled error', describeError(error));
      return failure('INTERNAL');
    }
  };
}
