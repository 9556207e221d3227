/**
 * Reading what a run left behind, and what is still due, scoped to this run's own documents: its
 * activities' groups, its SKUs' orders and their refunds, after-sales requests and shipping reports, its
 * shoppers' CloudPay payments and the shipments WeChat holds for them, its 团长's commission entries,
 * withdrawals and 商家转账 bills. So a run against a long-lived
 * emulator ignores everything else in it.
 */
import { AUTO_RECEIVE_AFTER_MS } from '../../shared/src/domain/shipment.schema';
import type { Stock } from '../../shared/src/domain/catalog.schema';
import type { SimCatalog } from './catalog';
import type { Doc, EmulatorClient } from './client';
import { WITHDRAWAL_DUE_STATUSES } from '../../shared/src/domain/withdrawal.machine';
import type {
  AfterSaleState,
  CommissionEntryState,
  LeaderState,
  GroupState,
  OrderState,
  RefundState,
  ShippingReportState,
  StockState,
  WithdrawalState,
  World,
} from './invariants';

/** The prefix of every shopper openid of a run. */
export const shopperPrefix = (tag: string): string => `o-sim-${tag}-`;

const scope = (catalog: SimCatalog) => ({
  groups: { activityId: { $in: catalog.activities.map((a) => a.id) } },
  orders: { skuId: { $in: [...catalog.skuIds] } },
});

export async function readWorld(
  client: EmulatorClient,
  catalog: SimCatalog,
  now: () => number,
  leaderOpenids: readonly string[] = [],
): Promise<World> {
  const { groups: groupScope, orders: orderScope } = scope(catalog);
  const [groups, orders, skus, activities, ledger] = await Promise.all([
    client.find<GroupState>('groups', groupScope),
    client.find<OrderState>('orders', orderScope),
    client.find<Doc & { stock: Stock & { allocated: number } }>('skus', { _id: { $in: [...catalog.skuIds] } }),
    client.find<Doc & { pool?: Stock }>('activities', { _id: { $in: catalog.activities.map((a) => a.id) } }),
    client.ledger(),
  ]);
  const orderIds = orders.map((o) => o._id);
  const leaders = { $in: [...leaderOpenids] };
  const [refunds, afterSales, shippingReports, uploads, leaderDocs, commissionEntries, withdrawals, bills] =
    await Promise.all([
      client.find<RefundState>('refunds', { orderId: { $in: orderIds } }),
      client.find<AfterSaleState>('after_sales', { orderId: { $in: orderIds } }),
      client.find<ShippingReportState>('shipping_reports', { _id: { $in: orderIds } }),
      client.shippingUploads(),
      client.find<LeaderState>('leaders', { _id: leaders }),
      client.find<CommissionEntryState>('commission_entries', { leaderOpenid: leaders }),
      client.find<WithdrawalState>('withdrawals', { leaderOpenid: leaders }),
      leaderOpenids.length > 0 ? client.transferBills() : Promise.resolve([]),
    ]);
  const ours = new Set(leaderOpenids);
  const stocks: StockState[] = [
    ...skus.map((s) => ({ ...s.stock, ref: { kind: 'sku' as const, id: String(s._id) } })),
    ...activities.flatMap((a) => (a.pool ? [{ ...a.pool, ref: { kind: 'pool' as const, id: String(a._id) } }] : [])),
  ];
  const prefix = shopperPrefix(catalog.tag);
  const payments = ledger.filter((p) => p.openid.startsWith(prefix));
  const transactions = new Set(payments.flatMap((p) => (p.transactionId ? [p.transactionId] : [])));
  return {
    now: now(),
    groups,
    orders,
    refunds,
    stocks,
    baselines: catalog.baselines,
    ledger: payments,
    afterSales,
    shippingReports,
    shippingUploads: uploads
      .filter((u) => transactions.has(u.transactionId))
      .map((u) => ({ transactionId: u.transactionId })),
    leaders: leaderDocs.map((l) => ({ _id: l._id, pickupPointId: l.pickupPointId })),
    commissionEntries,
    withdrawals,
    transferBills: bills
      .filter((b) => ours.has(b.openid))
      .map((b) => ({ outBillNo: b.outBillNo, openid: b.openid, amountFen: b.amountFen, state: b.state })),
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
  /** Shipping reports not yet reported nor flagged (reportShipments). */
  readonly shipmentsToReport: number;
  /** After-sales requests whose due time has come: a deadline passed, a refund to check (processAfterSales). */
  readonly afterSalesDue: number;
  /** Delivered orders whose window closed with no request open, parcels unconfirmed for 10 days (completeOrders). */
  readonly ordersToComplete: number;
  /** The run's 团长 withdrawals approved, failed or under way (payoutWithdrawals). */
  readonly withdrawalsDue: number;
}

export async function readBacklog(
  client: EmulatorClient,
  catalog: SimCatalog,
  orderIds: readonly string[],
  simNow: number,
  leaderOpenids: readonly string[] = [],
): Promise<Backlog> {
  const { groups, orders } = scope(catalog);
  const ids = { $in: [...orderIds] };
  const [
    formingGroups,
    pendingGroups,
    unpaidOrders,
    refundsToRetry,
    shipmentsToReport,
    afterSalesDue,
    ordersToComplete,
    withdrawalsDue,
  ] = await Promise.all([
    client.count('groups', { ...groups, $or: [{ status: 'forming' }, { status: 'failed', settled: false }] }),
    client.count('groups', { ...groups, status: 'pending' }),
    client.count('orders', { ...orders, status: 'pending_payment' }),
    client.count('refunds', { orderId: ids, status: { $in: ['requested', 'failed'] } }),
    client.count('shipping_reports', { _id: ids, status: { $in: ['pending', 'uploading', 'failed'] } }),
    client.count('after_sales', { orderId: ids, dueAt: { $lte: simNow } }),
    client.count('orders', {
      ...orders,
      $or: [
        {
          status: { $in: ['received', 'picked_up'] },
          afterSaleEndsAt: { $lte: simNow },
          openAfterSaleId: { $exists: false },
        },
        {
          status: 'shipped',
          'shipment.kind': 'express',
          'shipment.shippedAt': { $lte: simNow - AUTO_RECEIVE_AFTER_MS },
        },
      ],
    }),
    leaderOpenids.length === 0
      ? 0
      : client.count('withdrawals', {
          leaderOpenid: { $in: [...leaderOpenids] },
          status: { $in: [...WITHDRAWAL_DUE_STATUSES] },
        }),
  ]);
  return {
    formingGroups,
    pendingGroups,
    unpaidOrders,
    refundsToRetry,
    shipmentsToReport,
    afterSalesDue,
    ordersToComplete,
    withdrawalsDue,
  };
}
