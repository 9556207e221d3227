/**
 * processAfterSales (every 5 minutes, or by hand): after-sales requests whose `dueAt` has come, the longest
 * due first. Each is acted on as staff or the shopper would (`actOnAfterSale`: one transaction over the
 * request and its order, the domain deciding again on what it reads, so a request someone answered
 * meanwhile is left alone): approved by the system after 48 hours unanswered (a refund-only request's refund
 * recorded and asked for), its return closed after 7 days unsent, its replacement received 10 days after it
 * shipped. A request whose refund is done without having moved it (its completion cut short) is finished; one
 * whose refund is still under way is looked at again later. Bounded, resumable, safe twice at once.
 */
import type { processAfterSalesContract } from '../../contracts/process-after-sales.contract';
import { afterSaleDueAt, approvalStep, type DueAction, dueAction, stepAfterSale } from '../../domain/after-sale-step';
import type { AfterSale } from '../../domain/after-sale.schema';
import { isRefundDone } from '../../domain/refund.machine';
import { actOnAfterSale, type Acted } from '../after-sales/after-sale-actions';
import { finishAfterSaleRefund } from '../payments/refunds';
import {
  countDueAfterSales,
  getRefundOfAfterSale,
  listDueAfterSales,
  postponeAfterSale,
} from '../repositories/after-sale.repository';
import type { InvocationContext } from '../runtime/call-context';
import type { Job } from '../runtime/define-trigger';

export const AFTER_SALE_BATCH = 50;

interface Counts {
  approved: number;
  closed: number;
  exchanged: number;
  refunded: number;
  failures: number;
}

/** Counts what became of a request the job acted on, by the step it took. */
function count(acted: Acted, counts: Counts): void {
  if (!acted.changed || acted.afterSale.status === acted.before.status) return;
  const event = acted.afterSale.history.at(-1)?.event;
  if (event === 'return_expired' || event === 'nothing_to_refund') counts.closed += 1;
  else if (event === 'replacement_received') counts.exchanged += 1;
  else counts.approved += 1;
}

/** Acts on the request if, read again in the transaction, it is still due for the same action. */
function actIfDue(afterSale: AfterSale, action: DueAction, ctx: InvocationContext, now: number): Promise<Acted> {
  return actOnAfterSale(
    afterSale._id,
    {},
    (current, order) => {
      if (dueAction(current, now) !== action) return null;
      switch (action) {
        case 'approve':
          return approvalStep(current, order, { by: 'system', now, note: '商家48小时内未处理，系统自动同意' });
        case 'expire_return':
          return stepAfterSale(current, 'return_expired', { by: 'system', now, note: '7天内未寄回商品，申请关闭' });
        case 'receive_replacement':
          return stepAfterSale(current, 'replacement_received', {
            by: 'system',
            now,
            note: '换货发出10天，自动确认收货',
          });
        default:
          return null;
      }
    },
    ctx,
  );
}

async function processDue(afterSale: AfterSale, counts: Counts, ctx: InvocationContext): Promise<void> {
  const now = ctx.clock.now();
  const action = dueAction(afterSale, now);
  if (action === undefined) return;
  if (action !== 'check_refund') return count(await actIfDue(afterSale, action, ctx, now), counts);
  const refund = await getRefundOfAfterSale(afterSale);
  if (refund && isRefundDone(refund.status)) {
    if (await finishAfterSaleRefund(refund, 'system', now)) counts.refunded += 1;
    return;
  }
  // Still under way (retryRefunds sees to it): look again later.
  await postponeAfterSale(afterSale._id, afterSale.status, afterSaleDueAt(afterSale, now) ?? now);
}

export const processAfterSales: Job<typeof processAfterSalesContract> = async (run, ctx) => {
  const counts: Counts = { approved: 0, closed: 0, exchanged: 0, refunded: 0, failures: 0 };
  let scanned = 0;
  const seen = new Set<string>();
  while (scanned < run.limit && run.hasTime()) {
    const batch = (
      await listDueAfterSales(ctx.clock.now(), Math.min(AFTER_SALE_BATCH, run.limit - scanned) + seen.size)
    ).filter((a) => !seen.has(a._id));
    if (batch.length === 0) break;
    scanned += batch.length;
    if (run.dryRun) break;
    for (const afterSale of batch) {
      seen.add(afterSale._id);
      if (!run.hasTime()) break;
      try {
        await processDue(afterSale, counts, ctx);
      } catch (error) {
        // Leave it for the next run; one request does not stop the batch.
        counts.failures += 1;
        ctx.log.warn('could not process an after-sales request', { afterSaleId: afterSale._id, error: String(error) });
      }
    }
  }
  const remaining = await countDueAfterSales(ctx.clock.now());
  const changed = counts.approved + counts.closed + counts.exchanged + counts.refunded;
  return { scanned, changed, remaining, ...counts };
};
