/** listStaff (ops): staff accounts, filtered, a page at a time, with every merchant for the form. */
import type { listStaffContract } from '../../contracts/admin';
import { listMerchants } from '../repositories/catalog.repository';
import { listStaffAccounts } from '../repositories/staff.repository';
import type { AdminUseCase } from '../runtime/define-http-function';
import { staffItem } from './staff-admin';

/** Merchants offered in the form (the platform has a few dozen). */
const MERCHANTS_LISTED = 500;

export const listStaff: AdminUseCase<typeof listStaffContract> = async (input) => {
  const [accounts, merchants] = await Promise.all([
    listStaffAccounts(input, { offset: input.offset, limit: input.limit + 1 }),
    listMerchants(MERCHANTS_LISTED),
  ]);
  const names = new Map(merchants.map((m) => [m._id, m.name]));
  return {
    items: accounts
      .slice(0, input.limit)
      .map((staff) => staffItem(staff, staff.merchantId ? names.get(staff.merchantId) : undefined)),
    hasMore: accounts.length > input.limit,
    merchants: merchants.map((m) => ({ merchantId: m._id, name: m.name })),
  };
};
