/**
 * editStaff (ops): a member of staff's name, role and merchant. Their next call is authorised with the new
 * role (every call reads the account). Not one's own role; never the last active ops out of ops.
 */
import type { editStaffContract } from '../../contracts/admin';
import { cmd } from '../cloudbase/db';
import { updateStaff } from '../repositories/staff.repository';
import type { AdminUseCase } from '../runtime/define-http-function';
import { leavingActiveOps, merchantNameOf, refuseOwnAccount, staffItem, staffToChange } from './staff-admin';

export const editStaff: AdminUseCase<typeof editStaffContract> = async (input, ctx) => {
  const now = ctx.clock.now();
  const staff = await staffToChange(input.staffId);
  if (input.role !== staff.role || input.merchantId !== staff.merchantId) refuseOwnAccount(staff, ctx);
  const merchantName = await merchantNameOf(input.merchantId);
  const after = { ...staff, name: input.name, role: input.role, merchantId: input.merchantId, updatedAt: now };
  const write = (s: typeof staff) => () =>
    updateStaff(staff._id, {
      name: s.name,
      role: s.role,
      merchantId: s.merchantId ?? cmd().remove(),
      updatedAt: now,
    });
  if (input.role !== staff.role) await leavingActiveOps(staff, write(after), write(staff));
  else await write(after)();
  const fields = (s: typeof staff) => ({ name: s.name, role: s.role, merchantId: s.merchantId ?? null });
  await ctx.audit({ target: `staff/${staff._id}`, before: fields(staff), after: fields(after) });
  const { merchantId, ...rest } = after;
  return { staff: staffItem({ ...rest, ...(merchantId !== undefined ? { merchantId } : {}) }, merchantName) };
};
