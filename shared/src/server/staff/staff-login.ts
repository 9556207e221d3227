/**
 * staffLogin: account and password for a session token. An unknown account and a wrong password get the
 * same answer after the same work (INVALID_CREDENTIALS); the fifth failure in a row locks the account for
 * 15 minutes (ACCOUNT_LOCKED), and a locked or disabled account signs in with nothing, its password
 * unchecked. Every outcome is in the audit log.
 */
import type { staffLoginContract } from '../../contracts/admin';
import { isActiveStaff, isLocked } from '../../domain/staff.schema';
import { DomainError } from '../../kernel/errors';
import { findStaffByAccount, recordFailedSignIn, recordSignIn } from '../repositories/staff.repository';
import type { AdminUseCase } from '../runtime/define-http-function';
import { UNKNOWN_ACCOUNT_HASH, verifyPassword } from '../runtime/secrets';
import { openSession, staffView } from './staff-sessions';

export const staffLogin: AdminUseCase<typeof staffLoginContract> = async (input, ctx) => {
  const now = ctx.clock.now();
  const staff = await findStaffByAccount(input.account);
  const matches = await verifyPassword(input.password, staff?.passwordHash ?? UNKNOWN_ACCOUNT_HASH);
  if (!staff || !isActiveStaff(staff)) throw new DomainError('INVALID_CREDENTIALS', input.account);
  const actor = { staffId: staff._id, account: staff.account, role: staff.role };
  if (isLocked(staff, now)) {
    await ctx.audit({ target: `staff/${staff._id}`, after: { outcome: 'locked' }, actor });
    throw new DomainError('ACCOUNT_LOCKED', staff.account);
  }
  if (!matches) {
    const locked = await recordFailedSignIn(staff._id, now);
    await ctx.audit({ target: `staff/${staff._id}`, after: { outcome: locked ? 'locked' : 'wrong_password' }, actor });
    throw new DomainError(locked ? 'ACCOUNT_LOCKED' : 'INVALID_CREDENTIALS', staff.account);
  }
  await recordSignIn(staff._id, now);
  const session = await openSession(staff, now);
  await ctx.audit({ target: `staff/${staff._id}`, after: { outcome: 'signed_in' }, actor });
  return { ...session, staff: staffView({ ...staff, failedSignIns: 0 }) };
};
