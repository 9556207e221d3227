/**
 * Commissions follow the money: `syncCommissions(orderId)` reads the order and its entries and writes what the
 * domain says they should be (`domain/commission.ts`), so every hook calls the same function and none computes an
 * amount of its own. Entries are inserted under their deterministic ids (a second insert is a duplicate key) and
 * each step is one update conditional on what it was decided on, so any number of calls at once, repeated or
 * cut short by a crash, leave one entry per (order or group, kind) in the state the order and its group say.
 *
 * The hooks: a payment's application (pending, or earned for a solo order), a group's success (earned, and the
 * opener's bonus), a failed group's settlement (reversed), staff and after-sales refunds (shrunk, reversed or
 * clawed back), completeOrders (withdrawable). A hook never fails the money path it follows (`...Quietly`: a
 * failure is logged), because settleCommissions looks at every recently changed order again.
 */
import { groupMachine } from '../../domain/group.machine';
import {
  groupBonusEntry,
  groupBonusStep,
  commissionEntriesForOrder,
  mayEarnCommission,
  nextCommissionStep,
  stepCommission,
  wasLeaderAt,
} from '../../domain/commission';
import { COMMISSION_DUE_STATUSES, commissionEntryId, type CommissionKind } from '../../domain/commission.machine';
import type { CommissionEntry } from '../../domain/commission.schema';
import type { Leader } from '../../domain/leader.schema';
import { ORDER_KEPT_STATUSES } from '../../domain/order.machine';
import type { Order } from '../../domain/order.schema';
import type { Activity } from '../../domain/activity.schema';
import { getActivity } from '../repositories/catalog.repository';
import {
  getCommissionEntry,
  insertCommissionEntry,
  listGroupEntries,
  listOrderEntries,
  stepCommissionEntry,
} from '../repositories/commission.repository';
import { getGroup, type StoredGroup } from '../repositories/group.repository';
import { getLeader, getLeaderOfPoint } from '../repositories/leader.repository';
import { getOrder, listOrdersOfGroups } from '../repositories/order.repository';
import type { InvocationContext } from '../runtime/call-context';

/** What a sync wrote: entries recorded and steps taken. */
export interface CommissionSync {
  readonly recorded: number;
  readonly stepped: number;
}

const NOTHING: CommissionSync = { recorded: 0, stepped: 0 };
const add = (a: CommissionSync, b: CommissionSync): CommissionSync => ({
  recorded: a.recorded + b.recorded,
  stepped: a.stepped + b.stepped,
});

/** More steps than an entry has in its life: a bound on a loop that always ends sooner. */
const MAX_STEPS = 12;

const SUCCEEDED = groupMachine.transition('filled').to;

/**
 * Reads that do not change within one sweep (an activity's rule, who leads, who keeps a point), each made once
 * per instance. A hook makes a fresh one per call, seeded with the activity its money path read already.
 */
export class CommissionReads {
  private readonly activities = new Map<string, Promise<Activity | null>>();
  private readonly leaders = new Map<string, Promise<Leader | null>>();
  private readonly pointLeaders = new Map<string, Promise<Leader | null>>();

  /** An activity the caller read already. */
  seed(activity: Activity): this {
    this.activities.set(activity._id, Promise.resolve(activity));
    return this;
  }

  activity(id: string): Promise<Activity | null> {
    return memo(this.activities, id, getActivity);
  }

  /** Whether the activity's orders may have entries: it has, or had, a rule. Most activities never had one. */
  async mayEarn(activityId: string): Promise<boolean> {
    const activity = await this.activity(activityId);
    return activity !== null && mayEarnCommission(activity);
  }

  leader(openid: string): Promise<Leader | null> {
    return memo(this.leaders, openid, getLeader);
  }

  pointLeader(pickupPointId: string): Promise<Leader | null> {
    return memo(this.pointLeaders, pickupPointId, getLeaderOfPoint);
  }
}

function memo<T>(cache: Map<string, Promise<T>>, key: string, read: (key: string) => Promise<T>): Promise<T> {
  let found = cache.get(key);
  if (!found) {
    found = read(key);
    cache.set(key, found);
  }
  return found;
}

/** What a caller knows already, to spare reads: the activity of the order or group. */
export interface CommissionHint {
  readonly activityId?: string | undefined;
}

/** Brings the entries of one order (and its group's bonus) in line with the order. Safe to call at any time. */
export async function syncCommissions(
  orderId: string,
  now: number,
  reads = new CommissionReads(),
  hint: CommissionHint = {},
): Promise<CommissionSync> {
  if (hint.activityId !== undefined && !(await reads.mayEarn(hint.activityId))) return NOTHING;
  const order = await getOrder(orderId);
  if (!order?.activityId || !(await reads.mayEarn(order.activityId))) return NOTHING;
  const [group, entries] = await Promise.all([
    order.groupId ? getGroup(order.groupId) : null,
    listOrderEntries(order._id),
  ]);
  const own = await syncOrder(order, group, entries, now, reads);
  return group ? add(own, await syncGroupBonus(group, now, reads)) : own;
}

/** The same for every order of a group, and its bonus, reading the group's orders and entries once. */
export async function syncGroupCommissions(
  groupId: string,
  now: number,
  reads = new CommissionReads(),
  hint: CommissionHint = {},
): Promise<CommissionSync> {
  if (hint.activityId !== undefined && !(await reads.mayEarn(hint.activityId))) return NOTHING;
  const group = await getGroup(groupId);
  if (!group || !(await reads.mayEarn(group.activityId))) return NOTHING;
  const entries = await listGroupEntries(groupId);
  // A group that did not succeed earns nothing new: only entries recorded while it formed have to follow it.
  if (group.status !== SUCCEEDED && entries.length === 0) return NOTHING;
  const orders = await listOrdersOfGroups([groupId]);
  let done = NOTHING;
  for (const order of orders) {
    if (!order.activityId) continue;
    const own = entries.filter((e) => e.orderId === order._id);
    done = add(done, await syncOrder(order, group, own, now, reads));
  }
  const bonusId = commissionEntryId('group_bonus', groupId);
  return add(done, await syncGroupBonus(group, now, reads, orders, entries.find((e) => e._id === bonusId) ?? null));
}

/** `syncCommissions` from a money path: a failure is logged, never thrown (settleCommissions finishes it). */
export async function syncCommissionsQuietly(
  orderId: string,
  ctx: InvocationContext,
  reads?: CommissionReads,
  hint?: CommissionHint,
): Promise<void> {
  await quietly(() => syncCommissions(orderId, ctx.clock.now(), reads, hint), { orderId }, ctx);
}

/** `syncGroupCommissions` from a money path: a failure is logged, never thrown. */
export async function syncGroupCommissionsQuietly(
  groupId: string,
  ctx: InvocationContext,
  reads?: CommissionReads,
  hint?: CommissionHint,
): Promise<void> {
  await quietly(() => syncGroupCommissions(groupId, ctx.clock.now(), reads, hint), { groupId }, ctx);
}

async function quietly(work: () => Promise<unknown>, about: Record<string, string>, ctx: InvocationContext) {
  try {
    await work();
  } catch (error) {
    ctx.log.error('commission sync failed; settleCommissions will finish it', { ...about, error: String(error) });
  }
}

/** One order's entries (`stored`: as read with the order) recorded if missing, then stepped up to date. */
async function syncOrder(
  order: Order,
  group: StoredGroup | null,
  stored: readonly CommissionEntry[],
  now: number,
  reads: CommissionReads,
): Promise<CommissionSync> {
  let entries = stored;
  let recorded = 0;
  const possible: CommissionKind[] = [
    ...(order.groupId ? (['group_opener'] as const) : []),
    ...(order.delivery.kind === 'pickup' ? (['pickup_point'] as const) : []),
  ];
  const missing = possible.filter((kind) => !entries.some((e) => e.kind === kind));
  if (missing.length > 0 && ORDER_KEPT_STATUSES.includes(order.status)) {
    const fresh = (await entriesFor(order, group, now, reads)).filter((e) => missing.includes(e.kind));
    let lost = false;
    for (const entry of fresh) {
      if (await insertCommissionEntry(entry)) recorded++;
      else lost = true;
    }
    // Another process recorded one first: read what it wrote (it may have moved it already).
    entries = lost ? await listOrderEntries(order._id) : [...entries, ...fresh];
  }
  let stepped = 0;
  for (const entry of entries) {
    stepped += await walk(entry, (current) => {
      const step = nextCommissionStep(current, order);
      return step && stepCommission(current, step.event, now, step.change);
    });
  }
  return { recorded, stepped };
}

/** The entries the order earns now: the activity's rule, and the leaders it names (as they were when it began). */
async function entriesFor(
  order: Order,
  group: StoredGroup | null,
  now: number,
  reads: CommissionReads,
): Promise<CommissionEntry[]> {
  const activity = order.activityId ? await reads.activity(order.activityId) : null;
  if (!activity?.commission) return [];
  const [opener, keeper] = await Promise.all([
    group ? reads.leader(group.leaderOpenid) : null,
    order.delivery.kind === 'pickup' ? reads.pointLeader(order.delivery.pickupPointId) : null,
  ]);
  const paidAt = order.paidAt ?? order.createdAt;
  return commissionEntriesForOrder(order, {
    rule: activity.commission,
    openerLeader: group && opener && wasLeaderAt(opener, group.openedAt) ? opener._id : undefined,
    pointLeader: keeper && wasLeaderAt(keeper, paidAt) ? keeper._id : undefined,
    now,
  });
}

/** A successful group's bonus: recorded once, then withdrawable or reversed as its orders end. */
async function syncGroupBonus(
  group: StoredGroup,
  now: number,
  reads: CommissionReads,
  orders?: readonly Order[],
  stored?: CommissionEntry | null,
): Promise<CommissionSync> {
  if (group.status !== SUCCEEDED) return NOTHING;
  let recorded = 0;
  let bonus = stored !== undefined ? stored : await getCommissionEntry(commissionEntryId('group_bonus', group._id));
  if (!bonus) {
    const entry = await bonusFor(group, now, reads);
    if (!entry) return NOTHING;
    if (await insertCommissionEntry(entry)) recorded++;
    bonus = recorded > 0 ? entry : await getCommissionEntry(entry._id);
  }
  if (!bonus || !COMMISSION_DUE_STATUSES.includes(bonus.status)) return { recorded, stepped: 0 };
  const ofGroup = orders ?? (await listOrdersOfGroups([group._id]));
  const stepped = await walk(bonus, (current) => {
    const event = groupBonusStep(current, ofGroup);
    return event && stepCommission(current, event, now);
  });
  return { recorded, stepped };
}

async function bonusFor(group: StoredGroup, now: number, reads: CommissionReads) {
  const [activity, opener] = await Promise.all([reads.activity(group.activityId), reads.leader(group.leaderOpenid)]);
  return groupBonusEntry(group, {
    rule: activity?.commission,
    openerLeader: opener && wasLeaderAt(opener, group.openedAt) ? opener._id : undefined,
    now,
  });
}

/**
 * Takes the steps `next` decides one by one, each conditional on the entry as it was decided on; a step someone
 * else wrote first is read back and decided again. Answers the steps this call wrote.
 */
async function walk(
  entry: CommissionEntry,
  next: (current: CommissionEntry) => CommissionEntry | undefined,
): Promise<number> {
  let current = entry;
  let written = 0;
  for (let round = 0; round < MAX_STEPS; round++) {
    const stepped = next(current);
    if (!stepped) return written;
    if (await stepCommissionEntry(current, stepped)) {
      current = stepped;
      written++;
      continue;
    }
    const stored = await getCommissionEntry(current._id);
    if (!stored) return written;
    current = stored;
  }
  return written;
}
