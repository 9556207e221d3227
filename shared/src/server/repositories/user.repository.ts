/**
 * Users, keyed by openid. The per-activity purchase quota is held on the user document with one
 * conditional update per order, which also carries the new-customer rule.
 */
import { type User, userSchema } from '../../domain/user.schema';
import { COLLECTIONS } from '../db/collections';
import { cmd, db, getById, isDuplicateKey } from '../db/cloud';

const users = () => db().collection(COLLECTIONS.users);

export async function getUser(openid: string): Promise<User | null> {
  const data = await getById(COLLECTIONS.users, openid);
  return data ? userSchema.parse(data) : null;
}

/** Creates the user on their first order; a concurrent first call creating it too is fine. */
export async function createUser(openid: string, now: number): Promise<void> {
  try {
    await users().add({
      data: { _id: openid, nickname: '', avatarUrl: '', roles: ['shopper'], quota: {}, quotaHolds: {}, createdAt: now },
    });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
}

export interface QuotaHold {
  readonly orderId: string;
  readonly activityId: string;
  readonly quantity: number;
  readonly perUserLimit: number;
  /** Only a shopper who never paid may take it. */
  readonly newCustomerOnly: boolean;
}

/** Holds `quantity` of the activity's per-user limit for this order. False when refused or the user is missing. */
export async function holdQuota(openid: string, hold: QuotaHold): Promise<boolean> {
  const _ = cmd();
  const where: Record<string, unknown> = {
    _id: openid,
    [`quota.${hold.activityId}`]: _.not(_.gt(hold.perUserLimit - hold.quantity)),
    [`quotaHolds.${hold.orderId}`]: _.exists(false),
  };
  if (hold.newCustomerOnly) where.firstPaidAt = _.exists(false);
  const { stats } = await users()
    .where(where)
    .update({
      data: {
        [`quota.${hold.activityId}`]: _.inc(hold.quantity),
        [`quotaHolds.${hold.orderId}`]: { activityId: hold.activityId, quantity: hold.quantity },
      },
    });
  return stats.updated === 1;
}

/** Gives the order's units back to the user's quota (closed or refunded order). Safe to repeat. */
export async function releaseQuota(
  openid: string,
  orderId: string,
  activityId: string,
  quantity: number,
): Promise<boolean> {
  const _ = cmd();
  const { stats } = await users()
    .where({ _id: openid, [`quotaHolds.${orderId}`]: _.exists(true) })
    .update({ data: { [`quota.${activityId}`]: _.inc(-quantity), [`quotaHolds.${orderId}`]: _.remove() } });
  return stats.updated === 1;
}

/** Records the first paid order's time (the new-customer rule); later payments leave it as it is. */
export async function recordFirstPaidAt(openid: string, paidAt: number): Promise<void> {
  await users()
    .doc(openid)
    .update({ data: { firstPaidAt: cmd().min(paidAt) } });
}
