/**
 * sendNotifications (every minute, or by hand): first writes the 1-hour reminder into groups ending
 * soon (same update that marks them reminded), then delivers every group's outbox, every order's (its
 * parcel shipped, its goods at the pickup point) and every after-sales request's: each message to each recipient is claimed once, sent once,
 * and spends one of the shopper's one-time credits; a shopper with no credit is skipped, and the record says
 * so. A failed or closed group's message waits until its refunds are out.
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
import type { Order } from '../../domain/order.schema';
import { CARRIERS } from '../../domain/shipment.schema';
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
import {
  clearOrderOutbox,
  countOrdersWithOutbox,
  listOrdersWithOutbox,
} from '../repositories/order-fulfilment.repository';
import { formatBusinessTime, HOUR_MS } from '../../kernel/time';
import { sendSubscribeMessage } from '../cloudbase/subscribe-message';
import type { InvocationContext } from '../runtime/call-context';
import type { Job, JobRun } from '../runtime/define-trigger';

export const NOTIFY_BATCH = 20;

/** A `thing` field holds at most 20 characters. */
const thing = (text: string) => ({ value: text.length > 20 ? `${text.slice(0, 19)}…` : text });

type MessageData = Record<string, { value: string }>;

function groupMessageData(group: StoredGroup, event: NotificationEvent): MessageData {
  const message = NOTIFICATION_TEXT[event];
  if (message.template === 'groupResult') {
    return { thing1: thing(group.title), phrase2: { value: message.result }, thing3: thing(message.text) };
  }
  return {
    thing1: thing(group.title),
    thing2: thing(message.text),
    time3: { value: formatBusinessTime(group.deadlineAt, 'YYYY-MM-DD HH:mm') },
  };
}

/** 订单发货提醒: the goods, the carrier, the waybill, when; 到店取货提醒: the goods, the point, the code, a line. */
function orderMessageData(order: Order, event: NotificationEvent): MessageData {
  const message = NOTIFICATION_TEXT[event];
  const shipment = order.shipment;
  if (message.template === 'orderShipped' && shipment?.kind === 'express') {
    return {
      thing1: thing(order.title),
      thing2: thing(CARRIERS[shipment.carrier].name),
      character_string3: { value: shipment.trackingNo },
      time4: { value: formatBusinessTime(shipment.shippedAt, 'YYYY-MM-DD HH:mm') },
    };
  }
  return {
    thing1: thing(order.title),
    thing2: thing(order.delivery.kind === 'pickup' ? order.delivery.name : ''),
    character_string3: { value: order.pickupCode ?? '' },
    thing4: thing(message.text),
  };
}

/** 售后结果通知: the order's title, the result, and the one line (the refusal's reason, the refund, the waybill). */
function afterSaleMessageData(afterSale: AfterSale, entry: AfterSaleOutboxEntry): MessageData {
  const message = AFTER_SALE_NOTIFICATION_TEXT[entry.event];
  return {
    thing1: thing(afterSale.title),
    phrase2: { value: message.result },
    thing3: thing(entry.note ?? message.text),
  };
}

type Delivered = Record<DeliveryStatus, number>;

/** Claims, sends and settles one message to one recipient; a message claimed before is never sent again. */
async function deliver(
  record: Omit<NotificationRecord, 'createdAt'>,
  message: { readonly page: string; readonly data: MessageData },
  delivered: Delivered,
  ctx: InvocationContext,
): Promise<void> {
  const claimed = { ...record, createdAt: ctx.clock.now() } as NotificationRecord;
  if (!(await claimNotification(claimed))) return;
  const answer = await sendSubscribeMessage({ touser: record.openid, templateId: record.templateId, ...message });
  const status = deliveryStatus(answer);
  delivered[status] += 1;
  await settleNotification(notificationKey(claimed), {
    status,
    ...(answer.detail ? { detail: answer.detail } : {}),
    settledAt: ctx.clock.now(),
  });
}

/**
 * Goes over the documents with an outbox, a batch at a time, until none is left, the limit or the time
 * budget; answers how many it looked at. Each document's delivered entries are cleared from its outbox.
 */
async function drain<D extends { readonly _id: string }>(
  run: JobRun,
  scannedBefore: number,
  list: (limit: number) => Promise<D[]>,
  send: (doc: D) => Promise<string[]>,
  clear: (id: string, done: readonly string[]) => Promise<void>,
): Promise<number> {
  let scanned = 0;
  const seen = new Set<string>();
  while (scannedBefore + scanned < run.limit && run.hasTime()) {
    const docs = (await list(NOTIFY_BATCH + seen.size)).filter((d) => !seen.has(d._id));
    if (docs.length === 0) break;
    scanned += docs.length;
    if (run.dryRun) break;
    for (const doc of docs) {
      seen.add(doc._id);
      const done = await send(doc);
      if (done.length > 0) await clear(doc._id, done);
    }
  }
  return scanned;
}

export const sendNotifications: Job<typeof sendNotificationsContract> = async (run, ctx) => {
  const reminded = run.dryRun ? 0 : await remindGroupsEndingSoon(ctx.clock.now(), HOUR_MS);
  const delivered: Delivered = { sent: 0, no_credit: 0, failed: 0 };
  const groups = await drain(
    run,
    0,
    listGroupsWithOutbox,
    async (group) => {
      const done: string[] = [];
      for (const entry of group.outbox) {
        // "The group failed (or was closed) and the refund was sent": wait until its refunds are settled.
        if (waitsForRefunds(entry.event) && group.settled !== true) continue;
        const recipients = entry.audience === 'leader' ? [group.leaderOpenid] : group.paidOpenids;
        const templateId = SUBSCRIBE_TEMPLATES[NOTIFICATION_TEXT[entry.event].template];
        const message = { page: groupPagePath(group._id), data: groupMessageData(group, entry.event) };
        for (const openid of recipients) {
          const record = { groupId: group._id, entryId: entry.id, event: entry.event, openid, templateId };
          await deliver(record, message, delivered, ctx);
        }
        done.push(entry.id);
      }
      return done;
    },
    clearOutbox,
  );
  const orders = await drain(
    run,
    groups,
    listOrdersWithOutbox,
    async (order) => {
      const done: string[] = [];
      for (const entry of order.outbox ?? []) {
        const templateId = SUBSCRIBE_TEMPLATES[NOTIFICATION_TEXT[entry.event].template];
        const message = { page: orderDetailPagePath(order._id), data: orderMessageData(order, entry.event) };
        const record = { orderId: order._id, entryId: entry.id, event: entry.event, openid: order.openid, templateId };
        await deliver(record, message, delivered, ctx);
        done.push(entry.id);
      }
      return done;
    },
    clearOrderOutbox,
  );
  const afterSales = await drain(
    run,
    groups + orders,
    listAfterSalesWithOutbox,
    async (afterSale) => {
      const done: string[] = [];
      for (const entry of afterSale.outbox ?? []) {
        const templateId = SUBSCRIBE_TEMPLATES.afterSaleResult;
        const message = { page: orderDetailPagePath(afterSale.orderId), data: afterSaleMessageData(afterSale, entry) };
        const record = { afterSaleId: afterSale._id, entryId: entry.id, event: entry.event, openid: afterSale.openid };
        await deliver({ ...record, templateId }, message, delivered, ctx);
        done.push(entry.id);
      }
      return done;
    },
    clearAfterSaleOutbox,
  );
  const remaining =
    (await countGroupsWithOutbox()) + (await countOrdersWithOutbox()) + (await countAfterSalesWithOutbox());
  const { sent, no_credit: noCredit, failed } = delivered;
  return {
    scanned: groups + orders + afterSales,
    changed: sent + noCredit + failed,
    remaining,
    reminded,
    sent,
    noCredit,
    failed,
  };
};
