/**
 * A 团长's results, summed by the database (as the live monitor's are): their groups counted per status (index
 * `leaderOpenid_status_deadlineAt`), and the orders paid in those groups, joined by `groupId` (index `groupId` on
 * orders) and summed. Each answers a few rows, never the documents.
 */
import type { GroupStatus } from '../../domain/group.machine';
import { GROUP_PUBLIC_STATUSES } from '../../domain/group.machine';
import { type Fen, fen } from '../../kernel/money';
import { COLLECTIONS } from '../cloudbase/collections';
import { cmd, db, plain } from '../cloudbase/db';

const groups = () => db().collection(COLLECTIONS.groups);

/** The groups a leader opened, counted per status. */
export async function countLeaderGroups(leaderOpenid: string): Promise<{ status: GroupStatus; count: number }[]> {
  const { list } = await groups()
    .aggregate()
    .match({ leaderOpenid })
    .group({ _id: '$status', count: { $sum: 1 } })
    .limit(20)
    .end();
  return (list.map(plain) as { _id: GroupStatus; count: number }[]).map((row) => ({
    status: row._id,
    count: row.count,
  }));
}

export interface LeaderSales {
  readonly paidOrders: number;
  readonly paidAmount: Fen;
  readonly refundedAmount: Fen;
}

/** The orders paid in the groups a leader opened (public ones: a pending group has no paid order): count and sums. */
export async function sumLeaderGroupSales(leaderOpenid: string): Promise<LeaderSales> {
  const { list } = await groups()
    .aggregate()
    .match({ leaderOpenid, status: cmd().in([...GROUP_PUBLIC_STATUSES]) })
    .project({ _id: 1 })
    .lookup({ from: COLLECTIONS.orders, localField: '_id', foreignField: 'groupId', as: 'orders' })
    .unwind('$orders')
    .match({ 'orders.paidAt': cmd().exists(true) })
    .group({
      _id: null,
      paidOrders: { $sum: 1 },
      paidAmount: { $sum: '$orders.total' },
      refundedAmount: { $sum: '$orders.refundedAmount' },
    })
    .limit(1)
    .end();
  const [row] = list.map(plain) as { paidOrders: number; paidAmount: number; refundedAmount: number | null }[];
  return {
    paidOrders: row?.paidOrders ?? 0,
    paidAmount: fen(row?.paidAmount ?? 0),
    refundedAmount: fen(row?.refundedAmount ?? 0),
  };
}
