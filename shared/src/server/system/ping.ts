import type { pingContract } from '../../contracts/ping.contract';
import type { UseCase } from '../runtime/define-function';

export const ping: UseCase<typeof pingContract> = (_input, ctx) => ({
  openid: ctx.openid,
  env: ctx.wx.env,
  now: ctx.clock.now(),
});
