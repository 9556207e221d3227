/**
 * sendNotifications (every minute, or by hand): first writes the 1-hour reminder into groups ending
 * soon (same update that marks them reminded), then delivers every group's outbox: each message to each
 * recipient is claimed once, sent once, and spends one of the shopper's one-time credits; a shopper with
 * no credit is skipped, and the record says so. A failed or closed group's message waits until its refunds
 * are out.
 */
import type { sendNotificationsContract } from '../../contracts/send-notifications.contract';
import { groupPagePath } from '../../contracts/routes';
import {
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
import { claimNotification, notificationKey, settleNotification } from '../repositories/notification.repository';
import { formatBusinessTime, HOUR_MS } from '../../kernel/time';
import { sendSubscribeMessage } from '../cloudbase/subscribe-message';
import type { Job } from '../runtime/define-trigger';

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
          const record = {
            groupId: group._id,
            entryId: entry.id,
            event: entry.event,
            openid,
            templateId,
            createdAt: ctx.clock.now(),
          };
          if (!(await claimNotification(record))) continue;
          const answer = await sendSubscribeMessage({
            touser: openid,
            templateId,
            page: groupPagePath(group._id),
            data: messageData(group, entry.event),
          });
          const status = deliveryStatus(answer);
          delivered[status] += 1;
          await settleNotification(notificationKey(record), {
            status,
            ...(answer.detail ? { detail: answer.detail } : {}),
            settledAt: ctx.clock.now(),
          });
        }
        done.push(entry.id);
      }
      if (done.length > 0) await clearOutbox(group._id, done);
    }
  }
  const remaining = await countGroupsWithOutbox();
  const { sent, no_credit: noCredit, failed } = delivered;
  return { scanned, changed: sent + noCredit + failed, remaining, reminded, sent, noCredit, failed };
};
