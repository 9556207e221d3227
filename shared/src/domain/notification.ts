/**
 * Subscription messages (订阅消息). A state change that should tell someone writes an outbox entry in
 * the same update as the change itself (on the group document, or on the order for what happens to one
 * order: shipped, arrived at its pickup point), so a message is never lost nor invented; the
 * sendNotifications job delivers each entry once per recipient.
 */
import * as z from '../kernel/zod';

export const notificationEventSchema = z.enum([
  'group_opened',
  'member_joined',
  'one_seat_left',
  'deadline_soon',
  'group_succeeded',
  'group_failed',
  // Interventions (运营干预): ops extended, closed or completed the group, or paused its activity.
  'deadline_extended',
  'group_closed',
  'platform_completed',
  'activity_paused',
  // Fulfilment, on the order's own outbox: its parcel left (carrier and number), its goods reached the point.
  'order_shipped',
  'pickup_arrived',
]);
export type NotificationEvent = z.infer<typeof notificationEventSchema>;

/**
 * Who an entry is for, resolved when it is sent: a group's leader, or every member who paid; an order's
 * shopper.
 */
export const audienceSchema = z.enum(['leader', 'members', 'shopper']);

export const outboxEntrySchema = z.object({
  id: z.string(),
  event: notificationEventSchema,
  audience: audienceSchema,
  at: z.number().int(),
});
export type OutboxEntry = z.infer<typeof outboxEntrySchema>;

const AUDIENCE: Record<NotificationEvent, OutboxEntry['audience']> = {
  group_opened: 'leader',
  member_joined: 'leader',
  one_seat_left: 'members',
  deadline_soon: 'members',
  group_succeeded: 'members',
  group_failed: 'members',
  deadline_extended: 'members',
  group_closed: 'members',
  platform_completed: 'members',
  activity_paused: 'members',
  order_shipped: 'shopper',
  pickup_arrived: 'shopper',
};

/**
 * An outbox entry. Its id is deterministic within its group or order (`member_joined:<openid>`), and a
 * message is recorded per group or order, entry and recipient before it is sent, so nothing is ever sent
 * twice.
 */
export function outboxEntry(event: NotificationEvent, at: number, about?: string): OutboxEntry {
  return { id: about ? `${event}:${about}` : event, event, audience: AUDIENCE[event], at };
}

/**
 * A message to one recipient: claimed (`sending`) before it is sent, so it is sent at most once, then
 * settled with what WeChat answered: `sent`, `no_credit` (the shopper has no one-time permission left for
 * the template: nothing was sent and nothing will be), or `failed`.
 */
export const notificationStatusSchema = z.enum(['sending', 'sent', 'no_credit', 'failed']);
export type NotificationStatus = z.infer<typeof notificationStatusSchema>;
export type DeliveryStatus = Exclude<NotificationStatus, 'sending'>;

export const NOTIFICATION_CLAIMED_STATUS: NotificationStatus = 'sending';

/** WeChat's errcode when the shopper has no (more) one-time permission for the template. */
const NO_CREDIT_ERRCODE = 43101;

/** What became of a message, from WeChat's answer (no errcode: it was sent). */
export function deliveryStatus(answer: { readonly errCode?: number }): DeliveryStatus {
  if (answer.errCode === undefined || answer.errCode === 0) return 'sent';
  return answer.errCode === NO_CREDIT_ERRCODE ? 'no_credit' : 'failed';
}

/**
 * The subscription templates the mini-program asks the shopper to accept at the pay tap, and the server
 * sends. Production ids come from the WeChat console; these are the local sandbox's.
 */
export const SUBSCRIBE_TEMPLATES = {
  groupProgress: 'TPL_GROUP_PROGRESS',
  groupResult: 'TPL_GROUP_RESULT',
  /** Asked for at the pay tap with groupResult: the parcel left, with its carrier and waybill number. */
  orderShipped: 'TPL_ORDER_SHIPPED',
  /** A pickup order's goods reached its point: where, and the code to collect them with. */
  pickupArrived: 'TPL_PICKUP_ARRIVED',
  /** Asked for when the shopper submits an after-sales request: its decisions, its refund, the replacement. */
  afterSaleResult: 'TPL_AFTER_SALE_RESULT',
} as const;

/**
 * Which template an event uses, and the one-line text it shows (thing fields hold ≤ 20 characters); a
 * result message also names the result (a phrase field: ≤ 5 characters).
 */
export const NOTIFICATION_TEXT: Record<
  NotificationEvent,
  | { template: 'groupProgress' | 'orderShipped' | 'pickupArrived'; text: string }
  | { template: 'groupResult'; text: string; result: string }
> = {
  group_opened: { template: 'groupProgress', text: '开团成功，快分享给好友吧' },
  member_joined: { template: 'groupProgress', text: '有新朋友参团了' },
  one_seat_left: { template: 'groupProgress', text: '还差1人就成团了' },
  deadline_soon: { template: 'groupProgress', text: '距结束不到1小时' },
  group_succeeded: { template: 'groupResult', text: '拼团成功，商家将尽快发货', result: '拼团成功' },
  group_failed: { template: 'groupResult', text: '拼团未成功，已原路退款', result: '拼团失败' },
  deadline_extended: { template: 'groupProgress', text: '拼团时间已延长，快邀请好友' },
  group_closed: { template: 'groupResult', text: '平台已关闭本团，已原路退款', result: '拼团关闭' },
  platform_completed: { template: 'groupResult', text: '平台成团，商家将尽快发货', result: '拼团成功' },
  activity_paused: { template: 'groupProgress', text: '活动已暂停，暂时无法参团' },
  order_shipped: { template: 'orderShipped', text: '商品已发货，请留意查收' },
  pickup_arrived: { template: 'pickupArrived', text: '商品已到自提点，请凭取货码取货' },
};

/** Messages that say the money went back: sent only once the group's refunds are out (it is settled). */
const SENT_AFTER_REFUNDS: readonly NotificationEvent[] = ['group_failed', 'group_closed'];

export const waitsForRefunds = (event: NotificationEvent): boolean => SENT_AFTER_REFUNDS.includes(event);

/**
 * What an after-sales request tells its shopper (售后结果通知): the merchant's decision, the refund back, the
 * replacement on its way. Written into the request's own outbox by the update that moves it, sent by
 * sendNotifications like a group's, once each.
 */
export const afterSaleNotificationEventSchema = z.enum([
  'after_sale_approved',
  'after_sale_declined',
  'after_sale_refunded',
  'after_sale_replacement_shipped',
]);
export type AfterSaleNotificationEvent = z.infer<typeof afterSaleNotificationEventSchema>;

export const afterSaleOutboxEntrySchema = z.object({
  /** The event's name: each happens at most once to a request. */
  id: z.string(),
  event: afterSaleNotificationEventSchema,
  at: z.number().int(),
  /** What the message adds: the reason of a refusal. */
  note: z.string().max(200).optional(),
});
export type AfterSaleOutboxEntry = z.infer<typeof afterSaleOutboxEntrySchema>;

/** The result (a phrase field: ≤ 5 characters) and the one line (≤ 20) each after-sales message shows. */
export const AFTER_SALE_NOTIFICATION_TEXT: Record<AfterSaleNotificationEvent, { result: string; text: string }> = {
  after_sale_approved: { result: '已同意', text: '商家已同意你的售后申请' },
  after_sale_declined: { result: '已拒绝', text: '商家未同意你的售后申请' },
  after_sale_refunded: { result: '已退款', text: '退款已原路退回' },
  after_sale_replacement_shipped: { result: '换货已发出', text: '换货商品已发出，请留意物流' },
};

export const afterSaleOutboxEntry = (
  event: AfterSaleNotificationEvent,
  at: number,
  note?: string,
): AfterSaleOutboxEntry => ({ id: event, event, at, ...(note ? { note } : {}) });
