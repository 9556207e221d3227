/**
 * sendNotifications (every minute, or by hand): first writes the 1-hour reminder into groups ending
 * soon (same update that marks them reminded), then delivers every group's outbox, then every after-sales
 * request's: each message to each recipient is claimed once, sent once, and spends one of the shopper's
 * one-time credits; a shopper with no credit is skipped, and the record says so. A failed or closed group's
 * message waits until its refunds are out.
 */
import type { sendNotificationsContract } from '../../contracts/send-notifications.contract';
import { groupPagePath, orderDetailPagePath } from '../../contracts/routes';
import type { AfterSale } from '../../domain/after-sale.schema';
import {
  AFTER_SALE_NOTIFICATION_TEXT,
  type AfterSaleOutboxEntry,
  deliveryStatus,
  type DeliveryStatus,
  type NotificationEvent,
  NOTIFICATION_TEXT,
  SUBSCRIBE_TEMPLATES,
  waitsForRefunds,
} from '../../domain/notification';
import type { StoredGroup } from '../repositories/group.repository';
import {
  clearOutbox,
  countGroupsWithOutbox,
  listGroupsWithOutbox,
  remindGroupsEndingSoon,
} from '../repositories/group.repository';
import {
  clearAfterSaleOutbox,
  countAfterSalesWithOutbox,
  listAfterSalesWithOutbox,
} from '../repositories/after-sale.repository';
import {
  claimNotification,
  notificationKey,
  type NotificationRecord,
  settleNotification,
} from '../repositories/notification.repository';
import type { InvocationContext } from '../runtime/call-context';
import { formatBusinessTime, HOUR_MS } from '../../kernel/time';
import { sendSubscribeMessage } from '../cloudbase/subscribe-message';
import type { Job, JobRun } from '../runtime/define-trigger';

export const NOTIFY_BATCH = 20;

/** A `thing` field holds at most 20 characters. */
const thing = (text: string) => ({ value: text.length > 20 ? `${text.slice(0, 19)}…` : text });

function messageData(group: StoredGroup, event: NotificationEvent): Record<string, { value: string }> {
  const message = NOTIFICATION_TEXT[event];
  if (message.template === 'groupProgress') {
    return {
      thing1: thing(group.title),
      thing2: thing(message.text),
      time3: { value: formatBusinessTime(group.deadlineAt, 'YYYY-MM-DD HH:mm') },
    };
  }
  return {
    thing1: thing(group.title),
    phrase2: { value: message.result },
    thing3: thing(message.text),
  };
}

/**
 * Claims one message for one recipient, sends it and records what WeChat answered; undefined when it was
 * claimed before (never sent twice).
 */
async function deliver(
  record: NotificationRecord,
  page: string,
  data: Record<string, { value: string }>,
  ctx: InvocationContext,
): Promise<DeliveryStatus | undefined> {
  if (!(await claimNotification(record))) return undefined;
  const answer = await sendSubscribeMessage({ touser: record.openid, templateId: record.templateId, page, data });
  const status = deliveryStatus(answer);
  await settleNotification(notificationKey(record), {
    status,
    ...(answer.detail ? { detail: answer.detail } : {}),
    settledAt: ctx.clock.now(),
  });
  return status;
}

/** 售后结果通知: the order's title, the result, and the one line (the refusal's reason, the refund, the waybill). */
function afterSaleMessageData(afterSale: AfterSale, entry: AfterSaleOutboxEntry): Record<string, { value: string }> {
  const message = AFTER_SALE_NOTIFICATION_TEXT[entry.event];
  return {
    thing1: thing(afterSale.title),
    phrase2: { value: message.result },
    thing3: thing(entry.note ?? message.text),
  };
}

/** Delivers the outboxes of after-sales requests (to their shopper), at most `limit` requests; answers how many. */
async function sendAfterSaleMessages(
  run: JobRun,
  limit: number,
  delivered: Record<DeliveryStatus, number>,
  ctx: InvocationContext,
): Promise<number> {
  let scanned = 0;
  const seen = new Set<string>();
  const templateId = SUBSCRIBE_TEMPLATES.afterSaleResult;
  while (scanned < limit && run.hasTime()) {
    const batch = (await listAfterSalesWithOutbox(NOTIFY_BATCH + seen.size)).filter((a) => !seen.has(a._id));
    if (batch.length === 0) break;
    scanned += batch.length;
    if (run.dryRun) break;
    for (const afterSale of batch) {
      seen.add(afterSale._id);
      const done: string[] = [];
      for (const entry of afterSale.outbox ?? []) {
        const record = {
          afterSaleId: afterSale._id,
          entryId: entry.id,
          event: entry.event,
          openid: afterSale.openid,
          templateId,
          createdAt: ctx.clock.now(),
        };
        const page = orderDetailPagePath(afterSale.orderId);
        const status = await deliver(record, page, afterSaleMessageData(afterSale, entry), ctx);
        if (status) delivered[status] += 1;
        done.push(entry.id);
      }
      await clearAfterSaleOutbox(afterSale._id, done);
    }
  }
  return scanned;
}

export const sendNotifications: Job<typeof sendNotificationsContract> = async (run, ctx) => {
  const reminded = run.dryRun ? 0 : await remindGroupsEndingSoon(ctx.clock.now(), HOUR_MS);
  let scanned = 0;
  const delivered: Record<DeliveryStatus, number> = { sent: 0, no_credit: 0, failed: 0 };
  const seen = new Set<string>();
  while (scanned < run.limit && run.hasTime()) {
    const groups = (await listGroupsWithOutbox(NOTIFY_BATCH + seen.size)).filter((g) => !seen.has(g._id));
    if (groups.length === 0) break;
    scanned += groups.length;
    if (run.dryRun) break;
    for (const group of groups) {
      seen.add(group._id);
      const done: string[] = [];
      for (const entry of group.outbox) {
        // "The group failed (or was closed) and the refund was sent": wait until its refunds are settled.
        if (waitsForRefunds(entry.event) && group.settled !== true) continue;
        const recipients = entry.audience === 'leader' ? [group.leaderOpenid] : group.paidOpenids;
        const templateId = SUBSCRIBE_TEMPLATES[NOTIFICATION_TEXT[entry.event].template];
        for (const openid of recipients) {
          const status = await deliver(
            {
              groupId: group._id,
              entryId: entry.id,
              event: entry.event,
              openid,
              templateId,
              createdAt: ctx.clock.now(),
            },
            groupPagePath(group._id),
            messageData(group, entry.event),
            ctx,
          );
          if (status) delivered[status] += 1;
        }
        done.push(entry.id);
      }
      if (done.length > 0) await clearOutbox(group._id, done);
    }
  }
  scanned += await sendAfterSaleMessages(run, run.limit - scanned, delivered, ctx);
  const remaining = (await countGroupsWithOutbox()) + (await countAfterSalesWithOutbox());
  const { sent, no_credit: noCredit, failed } = delivered;
  return { scanned, changed: sent + noCredit + failed, remaining, reminded, sent, noCredit, failed };
};
