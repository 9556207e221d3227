/**
 * login: who the caller is. The openid comes from the WeChat context only (there is no password and
 * nothing in the request); the user is created on the first call with a random share ref, and a user
 * from before refs existed gets one. Later calls change nothing. One database round trip for a known
 * user with a ref; three for a new one (read, create, check the ref is nobody else's).
 */
import type { loginContract } from '../../contracts/login.contract';
import { ensureUserWithRef } from '../repositories/user.repository';
import type { UseCase } from '../runtime/define-function';

export const login: UseCase<typeof loginContract> = async (_input, ctx) => {
  const user = await ensureUserWithRef(ctx.openid, ctx.clock.now());
  return {
    openid: user._id,
    ref: user.ref,
    nickname: user.nickname,
    avatarUrl: user.avatarUrl,
    roles: user.roles,
    newCustomer: user.firstPaidAt === undefined,
  };
};
