/**
 * createStaff (ops): a new account with a temporary password that is answered once and stored only as its
 * hash; the new member of staff must change it at first sign-in. The account name is unique (the index
 * says so: of two creations racing for one name, one is ACCOUNT_TAKEN).
 */
import { randomBytes } from 'node:crypto';
import type { createStaffContract } from '../../contracts/admin';
import { type StaffAccount, staffStatusSchema } from '../../domain/staff.schema';
import { DomainError } from '../../kernel/errors';
import { isDuplicateKey } from '../cloudbase/db';
import { findStaffByAccount, insertStaff } from '../repositories/staff.repository';
import type { AdminUseCase } from '../runtime/define-http-function';
import { hashPassword, newTemporaryPassword } from '../runtime/secrets';
import { merchantNameOf, staffItem } from './staff-admin';

export const createStaff: AdminUseCase<typeof createStaffContract> = async (input, ctx) => {
  const now = ctx.clock.now();
  if (await findStaffByAccount(input.account)) throw new DomainError('ACCOUNT_TAKEN', input.account);
  const merchantName = await merchantNameOf(input.merchantId);
  const temporaryPassword = newTemporaryPassword();
  const staff: StaffAccount = {
    _id: `st-${randomBytes(8).toString('hex')}`,
    account: input.account,
    name: input.name,
    role: input.role,
    ...(input.merchantId !== undefined ? { merchantId: input.merchantId } : {}),
    status: staffStatusSchema.enum.active,
    passwordHash: await hashPassword(temporaryPassword),
    mustChangePassword: true,
    failedSignIns: 0,
    sessionsValidFrom: now,
    createdAt: now,
    updatedAt: now,
  };
  try {
    await insertStaff(staff);
  } catch (error) {
    if (isDuplicateKey(error)) throw new DomainError('ACCOUNT_TAKEN', input.account);
    throw error;
  }
  const { passwordHash: _hash, ...stored } = staff;
  await ctx.audit({ target: `staff/${staff._id}`, after: stored });
  return { staff: staffItem(staff, merchantName), temporaryPassword };
};
