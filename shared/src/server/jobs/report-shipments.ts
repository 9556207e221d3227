/**
 * reportShipments (every minute, or by hand): uploads each shipment recorded in `shipping_reports` to WeChat's
 * 发货信息管理, so the payment's money is released. Each due report is claimed with one conditional update before
 * WeChat is called, so two runs at once never upload it twice; WeChat's answer settles it through the shipping
 * report machine: reported (also when WeChat already held it), asked again later after a failure WeChat may
 * recover from, or flagged for ops when WeChat refused it or it failed too often. A run that dies after a claim
 * leaves the report to the next run once the claim's lease ends; it uploads the same payload, which WeChat reads
 * as information it already holds.
 */
import type { reportShipmentsContract } from '../../contracts/report-shipments.contract';
import { afterUpload, describeUploadError, type ShippingReportEvent } from '../../domain/shipping-report.machine';
import type { ShippingReport } from '../../domain/shipping-report.schema';
import { uploadShippingInfo } from '../cloudbase/shipping-info';
import {
  claimShippingReport,
  countDueShippingReports,
  listDueShippingReports,
  settleShippingReport,
} from '../repositories/shipping-report.repository';
import type { InvocationContext } from '../runtime/call-context';
import type { Job } from '../runtime/define-trigger';

/** Reports read per query. */
export const REPORT_BATCH = 50;
/** Uploads in flight at once: WeChat takes a few hundred ms each. */
export const UPLOAD_CONCURRENCY = 5;

/**
 * Claims one report, uploads it, and settles the claim with WeChat's answer; answers the event that settled it,
 * or undefined when another run holds the report.
 */
async function reportOne(report: ShippingReport, ctx: InvocationContext): Promise<ShippingReportEvent | undefined> {
  if (!(await claimShippingReport(report, ctx.clock.now()))) return undefined;
  const attempts = report.attempts + 1;
  const answer = await uploadShippingInfo(report.info);
  const now = ctx.clock.now();
  const decision = afterUpload(answer.errcode, attempts, now);
  const failure =
    answer.errcode === 0
      ? {}
      : { lastErrcode: answer.errcode, lastError: describeUploadError(answer.errcode, answer.errmsg) };
  const patch =
    decision.event === 'accepted'
      ? { ...failure, reportedAt: now, updatedAt: now }
      : decision.event === 'request_failed'
        ? { ...failure, nextAttemptAt: decision.nextAttemptAt, updatedAt: now }
        : { ...failure, flaggedAt: now, updatedAt: now };
  if (!(await settleShippingReport(report.orderId, attempts, decision.event, patch))) {
    ctx.log.warn('a shipping report’s claim ended before its answer; the next claim uploads it again', {
      orderId: report.orderId,
      errcode: answer.errcode,
    });
    return undefined;
  }
  if (decision.event === 'gave_up') {
    ctx.log.warn('shipping report flagged for ops', { orderId: report.orderId, errcode: answer.errcode, attempts });
  }
  return decision.event;
}

export const reportShipments: Job<typeof reportShipmentsContract> = async (run, ctx) => {
  let scanned = 0;
  let reported = 0;
  let retrying = 0;
  let flagged = 0;
  const seen = new Set<string>();
  batches: while (scanned < run.limit && run.hasTime()) {
    const batch = (
      await listDueShippingReports(ctx.clock.now(), Math.min(REPORT_BATCH, run.limit - scanned) + seen.size)
    ).filter((r) => !seen.has(r.orderId));
    if (batch.length === 0) break;
    if (run.dryRun) {
      scanned += Math.min(batch.length, run.limit - scanned);
      break;
    }
    for (let i = 0; i < batch.length && scanned < run.limit; i += UPLOAD_CONCURRENCY) {
      if (!run.hasTime()) break batches;
      const chunk = batch.slice(i, Math.min(i + UPLOAD_CONCURRENCY, i + run.limit - scanned));
      for (const report of chunk) seen.add(report.orderId);
      scanned += chunk.length;
      for (const event of await Promise.all(chunk.map((report) => reportOne(report, ctx)))) {
        if (event === 'accepted') reported += 1;
        else if (event === 'request_failed') retrying += 1;
        else if (event === 'gave_up') flagged += 1;
      }
    }
  }
  const remaining = await countDueShippingReports(ctx.clock.now());
  return { scanned, changed: reported + retrying + flagged, remaining, reported, retrying, flagged };
};
