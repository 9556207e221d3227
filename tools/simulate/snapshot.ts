/**
 * Reading what a run left behind, and what is still due, scoped to this run's own documents: its
 * activities' groups, its SKUs' orders, its shoppers' refunds and CloudPay payments. So a run against a
 * long-lived emulator ignores everything else in it.
 */
import type { Stock } from '../../shared/src/domain/catalog.schema';
import type { SimCatalog } from './catalog';
import type { Doc, EmulatorClient } from './client';
import type { GroupState, OrderState, RefundState, StockState, World } from './invariants';

/** The prefix of every shopper openid of a run. */
export const shopperPrefix = (tag: string): string => `o-sim-${tag}-`;

const scope = (catalog: SimCatalog) => ({
  groups: { activityId: { $in: catalog.activities.map((a) => a.id) } },
  orders: { skuId: { $in: [...catalog.skuIds] } },
});

export async function readWorld(client: EmulatorClient, catalog: SimCatalog, now: () => number): Promise<World> {
  const { groups: groupScope, orders: orderScope } = scope(catalog);
  const [groups, orders, skus, activities, ledger] = await Promise.all([
    client.find<GroupState>('groups', groupScope),
    client.find<OrderState>('orders', orderScope),
    client.find<Doc & { stock: Stock & { allocated: number } }>('skus', { _id: { $in: [...catalog.skuIds] } }),
    client.find<Doc & { pool?: Stock }>('activities', { _id: { $in: catalog.activities.map((a) => a.id) } }),
    client.ledger(),
  ]);
  const refunds = await client.find<RefundState>('refunds', { orderId: { $in: orders.map((o) => o._id) } });
  const stocks: StockState[] = [
    ...skus.map((s) => ({ ...s.stock, ref: { kind: 'sku' as const, id: String(s._id) } })),
    ...activities.flatMap((a) => (a.pool ? [{ ...a.pool, ref: { kind: 'pool' as const, id: String(a._id) } }] : [])),
  ];
  const prefix = shopperPrefix(catalog.tag);
  return {
    now: now(),
    groups,
    orders,
    refunds,
    stocks,
    baselines: catalog.baselines,
    ledger: ledger.filter((p) => p.openid.startsWith(prefix)),
  };
}

/** Work the jobs still have to do; each count is what one job clears. */
export interface Backlog {
  /** Groups forming (expireGroups fails them at their deadline) or failed but not yet settled. */
  readonly formingGroups: number;
  /** Groups whose leader has not paid (closeUnpaidOrders abandons them when the leader's order closes). */
  readonly pendingGroups: number;
  /** Orders still unpaid (closeUnpaidOrders closes or recovers them at their deadline). */
  readonly unpaidOrders: number;
  /** Refunds requested or failed, waiting for (another) request (retryRefunds). */
  readonly refundsToRetry: number;
}

export async function readBacklog(
  client: EmulatorClient,
  catalog: SimCatalog,
  orderIds: readonly string[],
): Promise<Backlog> {
  const { groups, orders } = scope(catalog);
  const [formingGroups, pendingGroups, unpaidOrders, refundsToRetry] = await Promise.all([
    client.count('groups', { ...groups, $or: [{ status: 'forming' }, { status: 'failed', settled: false }] }),
    client.count('groups', { ...groups, status: 'pending' }),
    client.count('orders', { ...orders, status: 'pending_payment' }),
    client.count('refunds', { orderId: { $in: [...orderIds] }, status: { $in: ['requested', 'failed'] } }),
  ]);
  return { formingGroups, pendingGroups, unpaidOrders, refundsToRetry };
}
