/** staffMe: who the session belongs to now. */
import type { staffMeContract } from '../../contracts/admin';
import { DomainError } from '../../kernel/errors';
import type { AdminUseCase } from '../runtime/define-http-function';

export const staffMe: AdminUseCase<typeof staffMeContract> = async (_input, ctx) => {
  if (!ctx.staff) throw new DomainError('SESSION_INVALID');
  const { sessionId: _session, ...staff } = ctx.staff;
  return { staff };
};
