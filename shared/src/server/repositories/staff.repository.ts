/**
 * Staff accounts (`staff`), keyed by a staff id, with a unique index on the account name. Failed sign-ins
 * are counted and the lock set with conditional updates, so concurrent wrong passwords cannot slip past
 * the limit.
 */
import {
  LOCK_MS,
  MAX_FAILED_SIGN_INS,
  type StaffAccount,
  staffAccountSchema,
  staffRoleSchema,
  staffStatusSchema,
} from '../../domain/staff.schema';
import { COLLECTIONS } from '../cloudbase/collections';
import { cmd, db, getById, getMany, type Patch } from '../cloudbase/db';

const staff = () => db().collection(COLLECTIONS.staff);

export async function getStaff(staffId: string): Promise<StaffAccount | null> {
  const data = await getById(COLLECTIONS.staff, staffId);
  return data ? staffAccountSchema.parse(data) : null;
}

export async function findStaffByAccount(account: string): Promise<StaffAccount | null> {
  const [found] = await getMany(staff().where({ account }).limit(1));
  return found ? staffAccountSchema.parse(found) : null;
}

export async function insertStaff(account: StaffAccount): Promise<void> {
  await staff().add({ data: account });
}

/**
 * Counts a failed sign-in on an account that is not locked; the failure that reaches the limit locks it
 * (and starts the count over). Each step is one conditional update, so failures arriving together cannot
 * count past the limit: once it is locked, none counts until the lock runs out. Answers whether the
 * account is locked now.
 */
export async function recordFailedSignIn(staffId: string, now: number): Promise<boolean> {
  const _ = cmd();
  const unlocked = _.or([{ lockedUntil: _.exists(false) }, { lockedUntil: _.lte(now) }]);
  const counted = await staff()
    .where(_.and([{ _id: staffId, failedSignIns: _.lt(MAX_FAILED_SIGN_INS - 1) }, unlocked]) as never)
    .update({ data: { failedSignIns: _.inc(1), updatedAt: now } });
  if (counted.stats.updated === 1) return false;
  await staff()
    .where(_.and([{ _id: staffId, failedSignIns: _.gte(MAX_FAILED_SIGN_INS - 1) }, unlocked]) as never)
    .update({ data: { failedSignIns: 0, lockedUntil: now + LOCK_MS, updatedAt: now } });
  return true;
}

export async function recordSignIn(staffId: string, now: number): Promise<void> {
  await staff()
    .doc(staffId)
    .update({ data: { failedSignIns: 0, lastSignInAt: now, updatedAt: now } });
}

export async function updateStaff(staffId: string, patch: Patch): Promise<void> {
  await staff().doc(staffId).update({ data: patch });
}

export interface StaffFilter {
  readonly account?: string | undefined;
  readonly role?: StaffAccount['role'] | undefined;
  readonly status?: StaffAccount['status'] | undefined;
}

/** Accounts matching the filter, oldest first. */
export async function listStaffAccounts(
  filter: StaffFilter,
  page: { readonly offset: number; readonly limit: number },
): Promise<StaffAccount[]> {
  const where = {
    ...(filter.account ? { account: filter.account } : {}),
    ...(filter.role ? { role: filter.role } : {}),
    ...(filter.status ? { status: filter.status } : {}),
  };
  const docs = await getMany(staff().where(where).orderBy('createdAt', 'asc').skip(page.offset).limit(page.limit));
  return docs.map((doc) => staffAccountSchema.parse(doc));
}

/** How many active ops there are besides `except`. */
export async function countOtherActiveOps(except: string): Promise<number> {
  const { total } = await staff()
    .where({ role: staffRoleSchema.enum.ops, status: staffStatusSchema.enum.active, _id: cmd().neq(except) })
    .count();
  return total;
}
