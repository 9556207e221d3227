/**
 * completeOrders (every 10 minutes, or by hand): first, express parcels on their way 10 days after shipping are
 * received for their shoppers (as WeChat settles them), with the after-sales window from now; then delivered
 * orders (received or collected) whose window closed with no after-sales request open are completed. Each batch
 * is one update whose condition every order must still meet when it is written, so a shopper's 确认收货 or an
 * after-sales request racing it wins or loses cleanly: nothing moves twice, and an order with a request open
 * never completes. A run that stops halfway leaves the rest for the next. The 团长 commissions of the orders it
 * completed become withdrawable (`syncCommissions`; one that a crash left behind, settleCommissions moves).
 */
import type { completeOrdersContract } from '../../contracts/complete-orders.contract';
import { receiptAt } from '../../domain/fulfilment';
import { afterSaleWindow } from '../fulfilment/after-sale-window';
import {
  completeClosedWindows,
  countClosedWindows,
  countUnconfirmedParcels,
  listClosedWindows,
  listUnconfirmedParcels,
  receiveUnconfirmed,
} from '../repositories/order-fulfilment.repository';
import { syncCommissions, CommissionReads } from '../commissions/commission-sync';
import { ordersWithEntries } from '../repositories/commission.repository';
import type { InvocationContext } from '../runtime/call-context';
import type { Job } from '../runtime/define-trigger';

export const COMPLETE_BATCH = 100;

export const completeOrders: Job<typeof completeOrdersContract> = async (run, ctx) => {
  const now = ctx.clock.now();
  const windowDays = afterSaleWindow();
  let scanned = 0;
  let received = 0;
  let completed = 0;
  // Received parcels enter their window now; ones whose window is over complete on a later run.
  for (const phase of ['receive', 'complete'] as const) {
    const list = phase === 'receive' ? listUnconfirmedParcels : listClosedWindows;
    while (scanned < run.limit && run.hasTime()) {
      const ids = await list(now, Math.min(COMPLETE_BATCH, run.limit - scanned));
      if (ids.length === 0) break;
      scanned += ids.length;
      if (run.dryRun) break;
      const moved =
        phase === 'receive'
          ? await receiveUnconfirmed(ids, now, receiptAt(now, windowDays))
          : await completeClosedWindows(ids, now);
      if (phase === 'receive') received += moved;
      else {
        completed += moved;
        await makeCommissionsWithdrawable(ids, now, ctx);
      }
      // A batch that moved nothing was all moved by someone else meanwhile: leave the rest to the next run.
      if (moved === 0) break;
    }
  }
  const [parcels, windows] = await Promise.all([countUnconfirmedParcels(now), countClosedWindows(now)]);
  return { scanned, changed: received + completed, remaining: parcels + windows, received, completed };
};

/** The entries of these orders (those that have any) follow their completion. */
async function makeCommissionsWithdrawable(ids: readonly string[], now: number, ctx: InvocationContext) {
  try {
    const reads = new CommissionReads();
    for (const id of await ordersWithEntries(ids)) await syncCommissions(id, now, reads);
  } catch (error) {
    ctx.log.error('commission sync failed; settleCommissions will finish it', { error: String(error) });
  }
}
