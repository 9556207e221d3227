/**
 * Groups. Seats are taken, released and paid with one conditional update each (never read-then-write):
 * the database refuses the update unless the group is in the right state and has room, so concurrent
 * joins can never over-fill a group. `seatsToPay` counts down to zero; the update that pays the last
 * seat is the one that marks the group succeeded. Which status each update checks and writes, and the
 * messages it causes, come from the group machine (`domain/group.machine.ts`).
 */
import {
  GROUP_LIVE_STATUSES,
  GROUP_OPEN_STATUSES,
  GROUP_OPENED_STATUS,
  type GroupEvent,
  groupMachine,
  type GroupStatus,
  groupTransition,
  openGroupTransition,
  type SeatPayer,
  seatPaymentCases,
  seatPaymentOutbox,
} from '../../domain/group.machine';
import { BY_PLATFORM, type Group, groupSchema } from '../../domain/group.schema';
import { outboxEntry } from '../../domain/notification';
import { COLLECTIONS } from '../cloudbase/collections';
import { cmd, db, getById, getMany } from '../cloudbase/db';

const groups = () => db().collection(COLLECTIONS.groups);

/** Where a group that missed its deadline ends up. */
const FAILED = groupMachine.transition('deadline_passed').to;
/** Where a group the platform completed ends up. */
const COMPLETED = openGroupTransition('platform_completed', 0).to;

/** A group as stored: the domain fields plus the counter the conditional updates use. */
export type StoredGroup = Group & { readonly seatsToPay: number };

export async function getGroup(id: string): Promise<StoredGroup | null> {
  const data = await getById(COLLECTIONS.groups, id);
  if (!data) return null;
  return { ...groupSchema.parse(data), seatsToPay: (data as { seatsToPay: number }).seatsToPay };
}

export async function insertGroup(group: Group): Promise<void> {
  await groups().add({ data: { ...group, seatsToPay: group.size } });
}

/** Takes a seat for `openid`: only in a forming group, before its deadline, with room, once per shopper. */
export async function takeSeat(group: Pick<Group, '_id' | 'size'>, openid: string, now: number): Promise<boolean> {
  const _ = cmd();
  const { stats } = await groups()
    .where({
      _id: group._id,
      status: _.in([...GROUP_OPEN_STATUSES]),
      deadlineAt: _.gt(now),
      seatsTaken: _.lt(group.size),
      memberOpenids: _.neq(openid),
    })
    .update({ data: { seatsTaken: _.inc(1), memberOpenids: _.push([openid]), updatedAt: now } });
  return stats.updated === 1;
}

/** Gives back an unpaid seat (its order closed). Safe to repeat. */
export async function releaseSeat(groupId: string, openid: string, now: number): Promise<boolean> {
  const _ = cmd();
  const { stats } = await groups()
    .where({ _id: groupId, status: _.in([...GROUP_LIVE_STATUSES]), memberOpenids: openid, paidOpenids: _.neq(openid) })
    .update({ data: { seatsTaken: _.inc(-1), memberOpenids: _.pull(openid), updatedAt: now } });
  return stats.updated === 1;
}

export type SeatPaymentResult = 'paid' | 'paid-and-succeeded' | 'not-applied';

/** The timestamp each transition stamps on the group. */
const STAMPS: Partial<Record<GroupEvent, 'formedAt' | 'closedAt'>> = { leader_paid: 'formedAt', filled: 'closedAt' };

/**
 * Records that `openid` paid their seat, as the group machine decides (`seatPaymentCases`): each case is
 * tried as one conditional update on the group's status and seats still to pay, and also writes the
 * messages the payment causes into the group's outbox. `not-applied` when the seat was already paid, was
 * released, or the group is no longer open.
 */
export async function paySeat(
  groupId: string,
  openid: string,
  payer: SeatPayer,
  now: number,
): Promise<SeatPaymentResult> {
  const _ = cmd();
  for (const { from, seatsToPay, payment } of seatPaymentCases(payer)) {
    const stamp = payment.event ? STAMPS[payment.event] : undefined;
    const { stats } = await groups()
      .where({
        _id: groupId,
        memberOpenids: openid,
        paidOpenids: _.neq(openid),
        status: from,
        seatsToPay: 'eq' in seatsToPay ? seatsToPay.eq : _.gt(seatsToPay.gt),
        ...(payer === 'leader' ? { leaderOpenid: openid } : {}),
      })
      .update({
        data: {
          status: payment.to,
          seatsPaid: _.inc(1),
          seatsToPay: _.inc(-1),
          paidOpenids: _.push([openid]),
          ...(stamp ? { [stamp]: now } : {}),
          outbox: _.push(seatPaymentOutbox(payment, openid, now)),
          outboxPending: true,
          updatedAt: now,
        },
      });
    if (stats.updated === 1) return payment.event === 'filled' ? 'paid-and-succeeded' : 'paid';
  }
  return 'not-applied';
}

/** Writes the 1-hour reminder into every forming group that ends within the hour, once each. */
export async function remindGroupsEndingSoon(now: number, withinMs: number): Promise<number> {
  const _ = cmd();
  const { stats } = await groups()
    .where({
      status: _.in([...GROUP_OPEN_STATUSES]),
      deadlineAt: _.and(_.gt(now), _.lte(now + withinMs)),
      reminded: _.exists(false),
    })
    .update({ data: { reminded: true, outbox: _.push([outboxEntry('deadline_soon', now)]), outboxPending: true } });
  return stats.updated;
}

/**
 * Tells the members of every forming group of an activity that it was paused: one message entry per group
 * and pause (`at` names the pause, so a second pause after a resume is told again and a repeat of the same
 * one is not), in one update whatever the number of groups.
 */
export async function notifyActivityPaused(activityId: string, at: number): Promise<number> {
  const _ = cmd();
  const { stats } = await groups()
    .where({ activityId, status: _.in([...GROUP_OPEN_STATUSES]) })
    .update({ data: { outbox: _.push([outboxEntry('activity_paused', at, String(at))]), outboxPending: true } });
  return stats.updated;
}

/** Groups with messages waiting in their outbox. */
export async function listGroupsWithOutbox(limit: number): Promise<StoredGroup[]> {
  const data = await getMany(groups().where({ outboxPending: true }).limit(limit));
  return data.map((d) => ({ ...groupSchema.parse(d), seatsToPay: (d as { seatsToPay: number }).seatsToPay }));
}

export async function countGroupsWithOutbox(): Promise<number> {
  return (await groups().where({ outboxPending: true }).count()).total;
}

/** Removes sent entries from a group's outbox; clears its flag once it is empty. */
export async function clearOutbox(groupId: string, entryIds: readonly string[]): Promise<void> {
  const _ = cmd();
  await groups()
    .doc(groupId)
    .update({ data: { outbox: _.pull({ id: _.in([...entryIds]) }) } });
  await groups()
    .where({ _id: groupId, outbox: _.size(0) })
    .update({ data: { outboxPending: false } });
}

/** Removes a group that never left `pending` because its opening order failed: nobody ever saw it. */
export async function removeUnopenedGroup(groupId: string): Promise<void> {
  await groups().where({ _id: groupId, status: GROUP_OPENED_STATUS, seatsPaid: 0 }).remove();
}

/** Ends a pending group whose leader never paid (the leader's order closed). */
export async function abandonGroup(groupId: string, now: number): Promise<boolean> {
  const { from, to } = groupMachine.transition('leader_order_closed');
  const { stats } = await groups()
    .where({ _id: groupId, status: cmd().in(from) })
    .update({ data: { status: to, closedAt: now, updatedAt: now } });
  return stats.updated === 1;
}

/**
 * Groups whose settlement is due, oldest first: forming past their deadline, and failed ones whose
 * orders were not all settled yet (a run that died halfway). One query for the whole batch.
 */
export async function listGroupsToSettle(now: number, limit: number): Promise<StoredGroup[]> {
  const data = await getMany(
    groups()
      .where(toSettle(now) as never)
      .orderBy('deadlineAt', 'asc')
      .limit(limit),
  );
  return data.map((d) => ({ ...groupSchema.parse(d), seatsToPay: (d as { seatsToPay: number }).seatsToPay }));
}

export async function countGroupsToSettle(now: number): Promise<number> {
  return (
    await groups()
      .where(toSettle(now) as never)
      .count()
  ).total;
}

/**
 * Groups past their deadline that have not failed yet, failed ones whose orders are not all settled, and
 * groups the platform completed whose orders are not all settled (an intervention that died halfway).
 */
function toSettle(now: number) {
  const _ = cmd();
  const { from, to } = groupMachine.transition('deadline_passed');
  return _.or([
    { status: _.in(from), deadlineAt: _.lte(now) },
    { status: to, settled: false },
    { status: COMPLETED, completedBy: BY_PLATFORM, settled: false },
  ]);
}

/** Fails these forming groups, past their deadline, in one request; they stay unsettled until their orders are. */
export async function failGroups(ids: readonly string[], now: number): Promise<number> {
  if (ids.length === 0) return 0;
  const _ = cmd();
  const { from, to, outbox } = groupTransition('deadline_passed', now);
  const { stats } = await groups()
    .where({ _id: _.in([...ids]), status: _.in(from), deadlineAt: _.lte(now) })
    .update({
      data: { status: to, settled: false, closedAt: now, updatedAt: now, outbox: _.push(outbox), outboxPending: true },
    });
  return stats.updated;
}

/** Marks these failed groups settled; answers how many this call marked (a concurrent settler marks the rest). */
export async function markGroupsSettled(ids: readonly string[], now: number): Promise<number> {
  if (ids.length === 0) return 0;
  const { stats } = await groups()
    .where({ _id: cmd().in([...ids]), status: FAILED, settled: false })
    .update({ data: { settled: true, updatedAt: now } });
  return stats.updated;
}

/**
 * Which of these groups are failed and not yet settled (after `failGroups`, some may have succeeded
 * instead), and whether ops closed each.
 */
export async function failedUnsettled(ids: readonly string[]): Promise<{ id: string; closedByPlatform: boolean }[]> {
  if (ids.length === 0) return [];
  const data = await getMany(
    groups()
      .where({ _id: cmd().in([...ids]), status: FAILED, settled: false })
      .field({ _id: true, closedBy: true })
      .limit(ids.length),
  );
  return (data as { _id: string; closedBy?: string }[]).map((d) => ({
    id: d._id,
    closedByPlatform: d.closedBy === BY_PLATFORM,
  }));
}

// Interventions (运营干预): each one conditional update that checks what the decision was taken on.

/**
 * Moves a forming group's deadline from `from` to `to`, telling its members: only while it is still
 * forming, its deadline is still `from` (a concurrent extension wins once) and has not passed.
 */
export async function extendDeadline(groupId: string, from: number, to: number, now: number): Promise<boolean> {
  const _ = cmd();
  const transition = openGroupTransition('deadline_extended', now, String(to));
  const { stats } = await groups()
    .where({ _id: groupId, status: _.in(transition.from), deadlineAt: _.and(_.eq(from), _.gt(now)) })
    .update({
      data: {
        status: transition.to,
        deadlineAt: to,
        outbox: _.push(transition.outbox),
        outboxPending: true,
        updatedAt: now,
      },
    });
  return stats.updated === 1;
}

/** Ops close a forming group now: it fails, unsettled until its orders are, and its members are told. */
export async function closeGroupNow(groupId: string, now: number): Promise<boolean> {
  const _ = cmd();
  const transition = openGroupTransition('cancelled', now);
  const { stats } = await groups()
    .where({ _id: groupId, status: _.in(transition.from) })
    .update({
      data: {
        status: transition.to,
        closedBy: BY_PLATFORM,
        settled: false,
        closedAt: now,
        outbox: _.push(transition.outbox),
        outboxPending: true,
        updatedAt: now,
      },
    });
  return stats.updated === 1;
}

/**
 * The platform completes a forming group before its deadline with the members who paid (成团保障): only if
 * its paid seats are still `seen.seatsPaid` (so `seen.paidOpenids` are exactly its paid members). Seats
 * taken and not paid are given up in the same update: the group holds its paid members and nobody else.
 */
export async function completeByPlatform(
  seen: Pick<Group, '_id' | 'seatsPaid' | 'paidOpenids'>,
  now: number,
): Promise<boolean> {
  const _ = cmd();
  const transition = openGroupTransition('platform_completed', now);
  const { stats } = await groups()
    .where({ _id: seen._id, status: _.in(transition.from), deadlineAt: _.gt(now), seatsPaid: seen.seatsPaid })
    .update({
      data: {
        status: transition.to,
        completedBy: BY_PLATFORM,
        settled: false,
        memberOpenids: [...seen.paidOpenids],
        seatsTaken: seen.seatsPaid,
        closedAt: now,
        outbox: _.push(transition.outbox),
        outboxPending: true,
        updatedAt: now,
      },
    });
  return stats.updated === 1;
}

/** Marks a group the platform completed as settled (its orders are). */
/** Marks a group the platform completed settled; true when this call marked it. */
export async function markCompletedSettled(groupId: string, now: number): Promise<boolean> {
  const { stats } = await groups()
    .where({ _id: groupId, status: COMPLETED, completedBy: BY_PLATFORM, settled: false })
    .update({ data: { settled: true, updatedAt: now } });
  return stats.updated === 1;
}

export interface GroupSearch {
  readonly merchantId?: string | undefined;
  readonly groupId?: string | undefined;
  readonly activityId?: string | undefined;
  readonly status?: GroupStatus | undefined;
}

/** Groups matching the search, latest deadline first (indexes `activityId_status`, `status_deadlineAt`). */
export async function searchGroups(
  search: GroupSearch,
  page: { readonly offset: number; readonly limit: number },
): Promise<StoredGroup[]> {
  const where = Object.fromEntries(
    Object.entries({
      _id: search.groupId,
      merchantId: search.merchantId,
      activityId: search.activityId,
      status: search.status,
    }).filter(([, value]) => value !== undefined),
  );
  const data = await getMany(groups().where(where).orderBy('deadlineAt', 'desc').skip(page.offset).limit(page.limit));
  return data.map((d) => ({ ...groupSchema.parse(d), seatsToPay: (d as { seatsToPay: number }).seatsToPay }));
}
