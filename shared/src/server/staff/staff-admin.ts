/**
 * What the 员工 actions share: a member of staff as the page lists them, reading one for a change (NOT_FOUND
 * when gone), and the two guards on changing ops accounts: not one's own account, and never the last
 * active ops.
 */
import type { StaffItem } from '../../contracts/admin';
import { isActiveStaff, type StaffAccount, staffRoleSchema } from '../../domain/staff.schema';
import { DomainError } from '../../kernel/errors';
import { getMerchant } from '../repositories/catalog.repository';
import { countOtherActiveOps, getStaff } from '../repositories/staff.repository';
import type { AdminCallContext } from '../runtime/define-http-function';

export const staffItem = (staff: StaffAccount, merchantName?: string): StaffItem => ({
  staffId: staff._id,
  account: staff.account,
  name: staff.name,
  role: staff.role,
  ...(staff.merchantId ? { merchantId: staff.merchantId } : {}),
  ...(merchantName !== undefined ? { merchantName } : {}),
  status: staff.status,
  mustChangePassword: staff.mustChangePassword,
  ...(staff.lastSignInAt !== undefined ? { lastSignInAt: staff.lastSignInAt } : {}),
  createdAt: staff.createdAt,
});

/** The staff member to change. */
export async function staffToChange(staffId: string): Promise<StaffAccount> {
  const staff = await getStaff(staffId);
  if (!staff) throw new DomainError('NOT_FOUND', `staff ${staffId}`);
  return staff;
}

/** The merchant a merchant's staff works for: NOT_FOUND when it does not exist. Answers its name. */
export async function merchantNameOf(merchantId: string | undefined): Promise<string | undefined> {
  if (merchantId === undefined) return undefined;
  const merchant = await getMerchant(merchantId);
  if (!merchant) throw new DomainError('NOT_FOUND', `merchant ${merchantId}`);
  return merchant.name;
}

/** The merchant's name to show, if it still exists. */
export const merchantNameFor = async (merchantId: string | undefined): Promise<string | undefined> =>
  merchantId === undefined ? undefined : (await getMerchant(merchantId))?.name;

export function refuseOwnAccount(staff: StaffAccount, ctx: AdminCallContext): void {
  if (ctx.staff?.staffId === staff._id) throw new DomainError('NOT_ON_SELF', `staff ${staff._id}`);
}

/** Whether `staff` is an active ops whom a change would take out of the active ops. */
export const isActiveOps = (staff: Pick<StaffAccount, 'role' | 'status'>): boolean =>
  staff.role === staffRoleSchema.enum.ops && isActiveStaff(staff);

/**
 * Takes `staff` out of the active ops with `change` unless they are the last. Checked before the change
 * and again after it: when two ops take each other out at once, both see the other before, and the one
 * that finds no active ops left after puts its change back (`undo`) and is refused, so one always stays.
 */
export async function leavingActiveOps(
  staff: StaffAccount,
  change: () => Promise<void>,
  undo: () => Promise<void>,
): Promise<void> {
  if (!isActiveOps(staff)) return change();
  if ((await countOtherActiveOps(staff._id)) === 0) throw new DomainError('LAST_ACTIVE_OPS');
  await change();
  if ((await countOtherActiveOps(staff._id)) === 0) {
    await undo();
    throw new DomainError('LAST_ACTIVE_OPS', 'raced');
  }
}
