/**
 * resetStaffPassword (ops): a new temporary password, answered once and stored only as its hash. Every
 * session of the member of staff ends, a lock from failed sign-ins is lifted, and they must change the
 * password at their next sign-in before anything else. Not one's own (修改密码 is).
 */
import type { resetStaffPasswordContract } from '../../contracts/admin';
import { cmd } from '../cloudbase/db';
import { updateStaff } from '../repositories/staff.repository';
import type { AdminUseCase } from '../runtime/define-http-function';
import { hashPassword, newTemporaryPassword } from '../runtime/secrets';
import { merchantNameFor, refuseOwnAccount, staffItem, staffToChange } from './staff-admin';

export const resetStaffPassword: AdminUseCase<typeof resetStaffPasswordContract> = async (input, ctx) => {
  const now = ctx.clock.now();
  const staff = await staffToChange(input.staffId);
  refuseOwnAccount(staff, ctx);
  const temporaryPassword = newTemporaryPassword();
  await updateStaff(staff._id, {
    passwordHash: await hashPassword(temporaryPassword),
    mustChangePassword: true,
    sessionsValidFrom: now,
    failedSignIns: 0,
    lockedUntil: cmd().remove(),
    updatedAt: now,
  });
  await ctx.audit({
    target: `staff/${staff._id}`,
    before: { mustChangePassword: staff.mustChangePassword },
    after: { mustChangePassword: true, passwordReset: true },
  });
  const merchantName = await merchantNameFor(staff.merchantId);
  return { staff: staffItem({ ...staff, mustChangePassword: true }, merchantName), temporaryPassword };
};
