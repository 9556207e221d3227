/** staffLogout: ends the session the request carries. */
import type { staffLogoutContract } from '../../contracts/admin';
import { DomainError } from '../../kernel/errors';
import { revokeSession } from '../repositories/staff-session.repository';
import type { AdminUseCase } from '../runtime/define-http-function';

export const staffLogout: AdminUseCase<typeof staffLogoutContract> = async (_input, ctx) => {
  if (!ctx.staff) throw new DomainError('SESSION_INVALID');
  await revokeSession(ctx.staff.sessionId, ctx.clock.now());
  await ctx.audit({ target: `staff/${ctx.staff.staffId}`, after: { signedOut: true } });
  return {};
};
