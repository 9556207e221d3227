/**
 * setStaffStatus (ops): disabling an account ends every session of theirs at once (`sessionsValidFrom`,
 * and a disabled account's sessions never count); enabling it again does not bring those sessions back.
 * Not one's own account; never the last active ops.
 */
import type { setStaffStatusContract } from '../../contracts/admin';
import { isActiveStaff } from '../../domain/staff.schema';
import { updateStaff } from '../repositories/staff.repository';
import type { AdminUseCase } from '../runtime/define-http-function';
import { leavingActiveOps, merchantNameFor, refuseOwnAccount, staffItem, staffToChange } from './staff-admin';

export const setStaffStatus: AdminUseCase<typeof setStaffStatusContract> = async (input, ctx) => {
  const now = ctx.clock.now();
  const staff = await staffToChange(input.staffId);
  refuseOwnAccount(staff, ctx);
  const disabling = isActiveStaff(staff) && !isActiveStaff({ status: input.status });
  if (disabling) {
    await leavingActiveOps(
      staff,
      () => updateStaff(staff._id, { status: input.status, sessionsValidFrom: now, updatedAt: now }),
      () => updateStaff(staff._id, { status: staff.status, updatedAt: now }),
    );
  } else if (input.status !== staff.status) {
    await updateStaff(staff._id, { status: input.status, updatedAt: now });
  }
  await ctx.audit({ target: `staff/${staff._id}`, before: { status: staff.status }, after: { status: input.status } });
  return { staff: staffItem({ ...staff, status: input.status }, await merchantNameFor(staff.merchantId)) };
};
