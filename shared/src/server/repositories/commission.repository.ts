/**
 * 团长 commission entries (`commission_entries`), one per `commissionEntryId(kind, order or group)`. An entry is
 * inserted under that id, so a second insert of the same kind on the same order is a duplicate key and records
 * nothing; every later step is one update conditional on the status, amount and clawback the step was decided on
 * (each step changes at least one of them), so of two processes deciding the same step one writes it and the other
 * finds the entry moved and decides again on what it now holds.
 */
import { COMMISSION_SETTLED_STATUSES, type CommissionStatus } from '../../domain/commission.machine';
import { type CommissionEntry, commissionEntrySchema } from '../../domain/commission.schema';
import { fen, type Fen } from '../../kernel/money';
import { COLLECTIONS } from '../cloudbase/collections';
import { cmd, db, getById, getMany, isDuplicateKey, plain } from '../cloudbase/db';

const entries = () => db().collection(COLLECTIONS.commissionEntries);

const parse = (doc: unknown): CommissionEntry => commissionEntrySchema.parse(doc);

export async function getCommissionEntry(id: string): Promise<CommissionEntry | null> {
  const data = await getById(COLLECTIONS.commissionEntries, id);
  return data ? parse(data) : null;
}

/** The entries earned on one order (at most one per kind). */
export async function listOrderEntries(orderId: string): Promise<CommissionEntry[]> {
  return (await getMany(entries().where({ orderId }).limit(10))).map(parse);
}

/** The entries earned on a group's orders, and its bonus. */
export async function listGroupEntries(groupId: string): Promise<CommissionEntry[]> {
  return (await getMany(entries().where({ groupId }).limit(200))).map(parse);
}

/** The ids of these orders that have entries. */
export async function ordersWithEntries(orderIds: readonly string[]): Promise<Set<string>> {
  if (orderIds.length === 0) return new Set();
  const data = (await getMany(
    entries()
      .where({ orderId: cmd().in([...orderIds]) })
      .field({ orderId: true })
      .limit(orderIds.length * 2),
  )) as { orderId: string }[];
  return new Set(data.map((d) => d.orderId));
}

/** Inserts a new entry under its id. False when it is there already (a repeat, or another process first). */
export async function insertCommissionEntry(entry: CommissionEntry): Promise<boolean> {
  try {
    await entries().add({ data: entry });
    return true;
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
}

/**
 * Writes `next`, the entry after one step, if the stored entry is still `entry` as the step was decided on (its
 * status, amount and clawback). True when this call wrote it.
 */
export async function stepCommissionEntry(entry: CommissionEntry, next: CommissionEntry): Promise<boolean> {
  const step = next.history[next.history.length - 1];
  const { stats } = await entries()
    .where({ _id: entry._id, status: entry.status, amount: entry.amount, clawedBack: entry.clawedBack })
    .update({
      data: {
        status: next.status,
        amount: next.amount,
        clawedBack: next.clawedBack,
        ...(next.withdrawableAt !== undefined ? { withdrawableAt: next.withdrawableAt } : {}),
        ...(next.paidOutAt !== undefined ? { paidOutAt: next.paidOutAt } : {}),
        ...(step ? { history: cmd().push([step]) } : {}),
        updatedAt: next.updatedAt,
      },
    });
  return stats.updated === 1;
}

/** A leader's entries, newest first. */
export async function listLeaderEntries(
  leaderOpenid: string,
  page: { offset: number; limit: number },
): Promise<CommissionEntry[]> {
  return (
    await getMany(entries().where({ leaderOpenid }).orderBy('createdAt', 'desc').skip(page.offset).limit(page.limit))
  ).map(parse);
}

/** A leader's entries summed by status (amount and clawback): what the balance is computed from. */
export async function sumLeaderEntries(
  leaderOpenid: string,
): Promise<{ status: CommissionStatus; amount: Fen; clawedBack: Fen }[]> {
  const { list } = await entries()
    .aggregate()
    .match({ leaderOpenid })
    .group({ _id: '$status', amount: { $sum: '$amount' }, clawedBack: { $sum: '$clawedBack' } })
    .limit(20)
    .end();
  return (list.map(plain) as { _id: CommissionStatus; amount: number; clawedBack: number }[]).map((row) => ({
    status: row._id,
    amount: fen(row.amount),
    clawedBack: fen(row.clawedBack),
  }));
}

/** A leader's entries that make their balance (withdrawable or paid out): what paid withdrawals cover, oldest first. */
export async function listLeaderSettledEntries(leaderOpenid: string): Promise<CommissionEntry[]> {
  return (
    await getMany(
      entries()
        .where({ leaderOpenid, status: cmd().in([...COMMISSION_SETTLED_STATUSES]) })
        .orderBy('withdrawableAt', 'asc')
        .limit(1000),
    )
  ).map(parse);
}
