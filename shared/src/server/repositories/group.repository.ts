/**
 * Groups. Seats are taken, released and paid with one conditional update each (never read-then-write):
 * the database refuses the update unless the group is in the right state and has room, so concurrent
 * joins can never over-fill a group. `seatsToPay` counts down to zero; the update that pays the last
 * seat is the one that marks the group succeeded.
 */
import { type Group, groupSchema } from '../../domain/group.schema';
import { type NotificationEvent, outboxEntry } from '../../domain/notification';
import { COLLECTIONS } from '../cloudbase/collections';
import { cmd, db, getById, getMany } from '../cloudbase/db';

const groups = () => db().collection(COLLECTIONS.groups);

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
      status: 'forming',
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
    .where({ _id: groupId, status: _.in(['pending', 'forming']), memberOpenids: openid, paidOpenids: _.neq(openid) })
    .update({ data: { seatsTaken: _.inc(-1), memberOpenids: _.pull(openid), updatedAt: now } });
  return stats.updated === 1;
}

export type SeatPayment = 'paid' | 'paid-and-succeeded' | 'not-applied';

/**
 * Records that `openid` paid their seat. The leader's payment opens the group (pending → forming); a
 * member's counts towards success; the payment of the last seat succeeds the group in the same update.
 * Each update also writes the messages it causes into the group's outbox. `not-applied` when the seat
 * was already paid, was released, or the group is no longer open.
 */
export async function paySeat(groupId: string, openid: string, isLeader: boolean, now: number): Promise<SeatPayment> {
  const _ = cmd();
  const note = (...events: [NotificationEvent, string?][]) => ({
    outbox: _.push(events.map(([event, about]) => outboxEntry(event, now, about))),
    outboxPending: true,
  });
  const paid = { seatsPaid: _.inc(1), seatsToPay: _.inc(-1), paidOpenids: _.push([openid]), updatedAt: now };
  const base = { _id: groupId, memberOpenids: openid, paidOpenids: _.neq(openid) };
  /** Tries each (seats still to pay before this payment, update) in turn; the first that applies wins. */
  const attempt = async (status: string, steps: [unknown, Record<string, unknown>][]) => {
    for (const [seatsToPay, data] of steps) {
      const { stats } = await groups()
        .where({ ...base, status, seatsToPay, ...(isLeader ? { leaderOpenid: openid } : {}) })
        .update({ data: { ...paid, ...data } });
      if (stats.updated === 1) return data.status === 'succeeded' ? 'paid-and-succeeded' : 'paid';
    }
    return 'not-applied';
  };
  if (isLeader) {
    const opened = { status: 'forming', formedAt: now };
    return attempt('pending', [
      [_.gt(2), { ...opened, ...note(['group_opened']) }],
      [2, { ...opened, ...note(['group_opened'], ['one_seat_left']) }],
    ]);
  }
  return attempt('forming', [
    [_.gt(2), note(['member_joined', openid])],
    [2, note(['member_joined', openid], ['one_seat_left'])],
    [1, { status: 'succeeded', closedAt: now, ...note(['member_joined', openid], ['group_succeeded']) }],
  ]);
}

/** Writes the 1-hour reminder into every forming group that ends within the hour, once each. */
export async function remindGroupsEndingSoon(now: number, withinMs: number): Promise<number> {
  const _ = cmd();
  const { stats } = await groups()
    .where({ status: 'forming', deadlineAt: _.and(_.gt(now), _.lte(now + withinMs)), reminded: _.exists(false) })
    .update({ data: { reminded: true, outbox: _.push([outboxEntry('deadline_soon', now)]), outboxPending: true } });
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
  await groups().where({ _id: groupId, status: 'pending', seatsPaid: 0 }).remove();
}

/** Ends a pending group whose leader never paid (the leader's order closed). */
export async function abandonGroup(groupId: string, now: number): Promise<boolean> {
  const { stats } = await groups()
    .where({ _id: groupId, status: 'pending' })
    .update({ data: { status: 'abandoned', closedAt: now, updatedAt: now } });
  return stats.updated === 1;
}

/**
 * Groups whose settlement is due, oldest first: forming past their deadline, and failed ones whose
 * orders were not all settled yet (a run that died halfway). One query for the whole batch.
 */
export async function listGroupsToSettle(now: number, limit: number): Promise<StoredGroup[]> {
  const _ = cmd();
  const data = await getMany(
    groups()
      .where(
        _.or([
          { status: 'forming', deadlineAt: _.lte(now) },
          { status: 'failed', settled: false },
        ]) as never,
      )
      .orderBy('deadlineAt', 'asc')
      .limit(limit),
  );
  return data.map((d) => ({ ...groupSchema.parse(d), seatsToPay: (d as { seatsToPay: number }).seatsToPay }));
}

export async function countGroupsToSettle(now: number): Promise<number> {
  const _ = cmd();
  return (
    await groups()
      .where(
        _.or([
          { status: 'forming', deadlineAt: _.lte(now) },
          { status: 'failed', settled: false },
        ]) as never,
      )
      .count()
  ).total;
}

/** Fails these forming groups, past their deadline, in one request; they stay unsettled until their orders are. */
export async function failGroups(ids: readonly string[], now: number): Promise<number> {
  if (ids.length === 0) return 0;
  const _ = cmd();
  const { stats } = await groups()
    .where({ _id: _.in([...ids]), status: 'forming', deadlineAt: _.lte(now) })
    .update({
      data: {
        status: 'failed',
        settled: false,
        closedAt: now,
        updatedAt: now,
        outbox: _.push([outboxEntry('group_failed', now)]),
        outboxPending: true,
      },
    });
  return stats.updated;
}

export async function markGroupsSettled(ids: readonly string[], now: number): Promise<void> {
  if (ids.length === 0) return;
  await groups()
    .where({ _id: cmd().in([...ids]), status: 'failed' })
    .update({ data: { settled: true, updatedAt: now } });
}

/** Which of these groups are failed and not yet settled (after `failGroups`, some may have succeeded instead). */
export async function failedUnsettled(ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const data = await getMany(
    groups()
      .where({ _id: cmd().in([...ids]), status: 'failed', settled: false })
      .field({ _id: true })
      .limit(ids.length),
  );
  return data.map((d) => (d as { _id: string })._id);
}
