/**
 * changePassword: the signed-in member of staff's own password. A wrong old password is WRONG_PASSWORD
 * (the session stays). The new password ends every other session of theirs; this one goes on.
 */
import type { changePasswordContract } from '../../contracts/admin';
import { DomainError } from '../../kernel/errors';
import { getStaff, updateStaff } from '../repositories/staff.repository';
import type { AdminUseCase } from '../runtime/define-http-function';
import { hashPassword, verifyPassword } from '../runtime/secrets';
import { staffView } from './staff-sessions';
import { touchSessionCreatedAt } from '../repositories/staff-session.repository';

export const changePassword: AdminUseCase<typeof changePasswordContract> = async (input, ctx) => {
  if (!ctx.staff) throw new DomainError('SESSION_INVALID');
  const now = ctx.clock.now();
  const staff = await getStaff(ctx.staff.staffId);
  if (!staff) throw new DomainError('SESSION_INVALID');
  if (!(await verifyPassword(input.oldPassword, staff.passwordHash))) throw new DomainError('WRONG_PASSWORD');
  const passwordHash = await hashPassword(input.newPassword);
  await updateStaff(staff._id, { passwordHash, mustChangePassword: false, sessionsValidFrom: now, updatedAt: now });
  // Sessions opened before now no longer count; this one is renewed so it goes on.
  await touchSessionCreatedAt(ctx.staff.sessionId, now);
  await ctx.audit({
    target: `staff/${staff._id}`,
    before: { mustChangePassword: staff.mustChangePassword },
    after: { mustChangePassword: false, passwordChanged: true },
  });
  return { staff: staffView({ ...staff, mustChangePassword: false }) };
};
