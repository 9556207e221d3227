/**
 * settleCommissions (every 10 minutes, or by hand): the sweep behind the commission hooks. Every order changed in
 * the last SETTLE_LOOKBACK_MS, oldest change first, is synced (`syncCommissions`: read the order and its entries,
 * write what the domain says), so whatever a hook missed (a function that died between the order's change and its
 * commissions, a sync that failed) is recorded or moved within ten minutes. Syncing an order that is up to date
 * writes nothing, so the job may run twice at once or beside any hook; a run cut short by its budget leaves the
 * rest of the window to the next, which still covers it.
 */
import type { settleCommissionsContract } from '../../contracts/settle-commissions.contract';
import { HOUR_MS } from '../../kernel/time';
import { CommissionReads, syncCommissions } from '../commissions/commission-sync';
import { countOrdersUpdatedSince, listOrdersUpdatedSince } from '../repositories/order.repository';
import type { Job } from '../runtime/define-trigger';

/** How far back a run looks: twelve runs see every change, so one that fails now and then misses none. */
export const SETTLE_LOOKBACK_MS = 2 * HOUR_MS;
const BATCH = 100;

export const settleCommissions: Job<typeof settleCommissionsContract> = async (run, ctx) => {
  const now = ctx.clock.now();
  const since = now - SETTLE_LOOKBACK_MS;
  const reads = new CommissionReads();
  let scanned = 0;
  let recorded = 0;
  let stepped = 0;
  while (scanned < run.limit && run.hasTime()) {
    const orders = await listOrdersUpdatedSince(since, {
      offset: scanned,
      limit: Math.min(BATCH, run.limit - scanned),
    });
    if (orders.length === 0) break;
    scanned += orders.length;
    if (run.dryRun) break;
    for (const order of orders) {
      if (!order.activityId) continue;
      // An activity that never had a rule stops it at once (read once per run); any other order is read afresh.
      const done = await syncCommissions(order._id, now, reads, { activityId: order.activityId });
      recorded += done.recorded;
      stepped += done.stepped;
    }
  }
  const remaining = Math.max(0, (await countOrdersUpdatedSince(since)) - scanned);
  return { scanned, changed: recorded + stepped, remaining, recorded, stepped };
};
