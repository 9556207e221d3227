/**
 * What the orders pages show and send: money typed in yuan checked and turned into fen, a search form as
 * the request the contract expects, and the words for a timeline's steps, its actors and refunds' states.
 */
import type { OrderFilter } from '@shared/admin-client';

/** `12.3` or `12.30` yuan → 1230 fen; a message for anything that is not an amount with at most 2 decimals. */
export function parseYuan(text: string): { ok: true; fen: number } | { ok: false; message: string } {
  const match = /^\s*(\d{1,8})(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!match) return { ok: false, message: '请输入金额，最多两位小数' };
  const fen = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return fen > 0 ? { ok: true, fen } : { ok: false, message: '退款金额至少 0.01 元' };
}

/** 1230 → `12.30`. */
export const yuan = (fen: number): string => `${Math.trunc(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

export interface OrderSearchForm {
  orderId: string;
  groupId: string;
  phoneLast4: string;
  status: string;
  activityId: string;
  /** `YYYY-MM-DD` days in Shanghai, inclusive. */
  fromDay: string;
  toDay: string;
}

export const emptySearch = (): OrderSearchForm => ({
  orderId: '',
  groupId: '',
  phoneLast4: '',
  status: '',
  activityId: '',
  fromDay: '',
  toDay: '',
});

const DAY_MS = 86_400_000;

/** Midnight of a Shanghai day (UTC+8, no summer time), as epoch ms. */
export const shanghaiMidnight = (day: string): number => Date.parse(`${day}T00:00:00+08:00`);

/** The request for a search form: trimmed, empty fields left out, days as [from, to) instants. */
export function searchRequest(form: OrderSearchForm): OrderFilter {
  const text = (value: string) => value.trim() || undefined;
  const request: Record<string, unknown> = {
    orderId: text(form.orderId),
    groupId: text(form.groupId),
    phoneLast4: text(form.phoneLast4),
    status: text(form.status),
    activityId: text(form.activityId),
    from: form.fromDay ? shanghaiMidnight(form.fromDay) : undefined,
    to: form.toDay ? shanghaiMidnight(form.toDay) + DAY_MS : undefined,
  };
  return Object.fromEntries(Object.entries(request).filter(([, value]) => value !== undefined)) as OrderFilter;
}

/** What each step of an order's life reads as. */
export const EVENT_LABELS: Record<string, string> = {
  placed: '下单',
  paid_group: '支付成功，等待成团',
  paid_solo: '支付成功',
  group_succeeded: '拼团成功',
  group_failed: '拼团失败，退款',
  payment_timed_out: '超时未支付，关闭',
  cancelled: '关闭',
  late_payment: '关闭后到账，退款',
  refund_confirmed: '退款到账',
  shipped: '已发货',
  arrived_at_pickup_point: '到达自提点，待取货',
  received: '已收货',
  picked_up: '已取货（核销）',
  window_closed: '售后期结束，已完成',
  refunded_in_full: '全额退款',
};

/** Who did it. */
export function actorLabel(by: string): string {
  if (by === 'shopper') return '顾客';
  if (by === 'cloudpay') return '微信支付';
  if (by === 'system') return '系统';
  if (by.startsWith('leader:')) return `团长（自提点 ${by.slice('leader:'.length)}）`;
  return by.startsWith('staff:') ? `员工 ${by.slice('staff:'.length)}` : by;
}

export const REFUND_STATUS_LABELS: Record<string, string> = {
  requested: '已登记',
  processing: '退款中',
  failed: '失败，等待重试',
  succeeded: '已退款',
  flagged: '多次失败，待人工处理',
  settled_offline: '已线下退款',
};

/** A fresh id for one refund request: sent again, it is the same refund. */
export const newRequestKey = (): string => crypto.randomUUID();
