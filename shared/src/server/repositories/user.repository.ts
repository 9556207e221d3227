/**
 * Users, keyed by openid. The per-activity purchase quota is held on the user document with one
 * conditional update per order, which also carries the new-customer rule.
 *
 * Every user gets a random share ref (`userRefSchema`) when created. `users.ref` has a plain index, not
 * a unique one: a unique index treats a missing field as null (as MongoDB does) and users created before
 * refs existed have none. Instead, whoever gives a user a ref checks right after that nobody else holds
 * it and draws again if someone does (`keepRefUnique`), so two users share a ref only if both drew the
 * same one of 36^8 values within the same few milliseconds.
 */
import { type User, userSchema } from '../../domain/user.schema';
import { COLLECTIONS } from '../cloudbase/collections';
import { cmd, db, getById, getMany, isDuplicateKey } from '../cloudbase/db';
import { newUserRef } from '../runtime/ids';

const users = () => db().collection(COLLECTIONS.users);

export async function getUser(openid: string): Promise<User | null> {
  const data = await getById(COLLECTIONS.users, openid);
  return data ? userSchema.parse(data) : null;
}

/** How many times a colliding ref is redrawn before giving up (each collision has odds of ~1 in 10^12/users). */
const REF_DRAWS = 3;

/**
 * Checks that `ref`, just given to `openid`, is held by nobody else (one indexed count); on a collision
 * draws another, moving it only if the user still holds `ref`. Returns the ref the user ends up with.
 */
async function keepRefUnique(openid: string, ref: string): Promise<string> {
  let held = ref;
  for (let draw = 0; draw < REF_DRAWS; draw++) {
    const { total } = await users().where({ ref: held }).count();
    if (total <= 1) return held;
    const next = newUserRef();
    const { stats } = await users()
      .where({ _id: openid, ref: held })
      .update({ data: { ref: next } });
    if (stats.updated !== 1) break;
    held = next;
  }
  const user = await getUser(openid);
  if (!user?.ref) throw new Error(`user ${openid} has no ref after redrawing`);
  return user.ref;
}

/**
 * Creates the user (first login or first order) with a fresh ref. Returns the new user, or null when
 * the user exists already (a concurrent first call created it, or it was there before).
 */
export async function createUser(openid: string, now: number): Promise<User | null> {
  const user = userSchema.parse({
    _id: openid,
    nickname: '',
    avatarUrl: '',
    roles: ['shopper'],
    ref: newUserRef(),
    quota: {},
    quotaHolds: {},
    createdAt: now,
  });
  try {
    await users().add({ data: user });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    return null;
  }
  return { ...user, ref: await keepRefUnique(openid, user.ref ?? '') };
}

export type UserWithRef = User & { readonly ref: string };

/**
 * The user, created if absent, with a ref given if they have none (users from before refs existed).
 * Concurrent calls for one openid agree: only one creation and one conditional `ref: exists(false)`
 * update can apply, and the others read what it wrote. Pass the user when it was just read.
 */
export async function ensureUserWithRef(openid: string, now: number, known?: User | null): Promise<UserWithRef> {
  let user = known === undefined ? await getUser(openid) : known;
  if (!user) user = (await createUser(openid, now)) ?? (await getUser(openid));
  if (!user) throw new Error(`user ${openid} is missing right after it was created`);
  if (user.ref) return { ...user, ref: user.ref };

  const ref = newUserRef();
  const { stats } = await users()
    .where({ _id: openid, ref: cmd().exists(false) })
    .update({ data: { ref } });
  if (stats.updated === 1) return { ...user, ref: await keepRefUnique(openid, ref) };
  const current = await getUser(openid);
  if (!current?.ref) throw new Error(`user ${openid} has no ref after a concurrent update`);
  return { ...current, ref: current.ref };
}

/** The user holding a share ref, with what others see of them, or null. The oldest wins a (rare) tie. */
export async function findUserByRef(
  ref: string,
): Promise<{ readonly openid: string; readonly nickname: string; readonly avatarUrl: string } | null> {
  const [doc] = await getMany(
    users().where({ ref }).orderBy('createdAt', 'asc').field({ nickname: true, avatarUrl: true }).limit(1),
  );
  if (!doc) return null;
  const { _id, nickname, avatarUrl } = doc as { _id: string; nickname?: unknown; avatarUrl?: unknown };
  return {
    openid: _id,
    nickname: typeof nickname === 'string' ? nickname : '',
    avatarUrl: typeof avatarUrl === 'string' ? avatarUrl : '',
  };
}

/**
 * Sets the nickname (and the avatar, when given) others see, on an existing user. (`stats.updated` is 0
 * both for a missing user and for an unchanged profile, so callers read the user first.)
 */
export async function setProfile(openid: string, profile: { nickname: string; avatarUrl?: string }): Promise<void> {
  await users()
    .doc(openid)
    .update({ data: { ...profile } });
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
