/**
 * How the mini-program writes money, time left, seats and distances. Pure functions of their inputs
 * (the current time is passed in), shared by components and pages and unit-tested beside this file.
 */
import { money, type RefundStatus } from '@shared/client';

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

/** `2990` → `¥29.90`. */
export function priceText(amount: number): string {
  return money.formatYuan(money.fen(amount));
}

/** `2990` → `29.90`: an amount field's text. */
export const yuanText = (fen: number): string => priceText(fen).slice(1);

/** `29.9` → 2990 (yuan typed into an amount field); undefined for anything but a positive amount with ≤ 2 decimals. */
export function yuanToFen(text: string): number | undefined {
  const match = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) return undefined;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** `2990` → `{ yuan: '29', cents: '.90' }`: the big and the small part of a price tag. */
export function priceParts(amount: number): { yuan: string; cents: string } {
  const [yuan = '', cents = ''] = priceText(amount).slice(1).split('.');
  return { yuan, cents: `.${cents}` };
}

/** The saving of a group price against the solo price, `省¥10.00`, or '' when none. */
export function savingText(groupPrice: number, soloPrice: number): string {
  return soloPrice > groupPrice ? `省${priceText(soloPrice - groupPrice)}` : '';
}

/** Whole seconds until `deadlineAt`, never negative. */
export function secondsLeft(deadlineAt: number, now: number): number {
  return Math.max(0, Math.floor((deadlineAt - now) / 1000));
}

/** `02:13:05` under a day, `1天 02:13:05` beyond, `已结束` once past. */
export function countdownText(deadlineAt: number, now: number): string {
  const total = secondsLeft(deadlineAt, now);
  if (total === 0) return '已结束';
  const days = Math.floor(total / 86_400);
  const clock = `${pad(Math.floor((total % 86_400) / 3600))}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
  return days > 0 ? `${days}天 ${clock}` : clock;
}

/** `还差2人成团`, or `已满员，等待付款` when every seat is taken but not all paid. */
export function seatsLeftText(seatsLeft: number): string {
  return seatsLeft > 0 ? `还差${seatsLeft}人成团` : '已满员，等待付款';
}

/** `800m`, `1.2km`, `12km`. */
export function distanceText(meters: number): string {
  if (meters < 1000) return `${Math.round(meters)}m`;
  const km = meters / 1000;
  return km < 10 ? `${(Math.round(km * 10) / 10).toFixed(1)}km` : `${Math.round(km)}km`;
}

/** `13800138000` → `138****8000`: a phone number as a screen shows it. */
export function maskPhone(phone: string): string {
  return phone.replace(/^(\d{3})\d{4}(\d{4})$/, '$1****$2');
}

/** Where a refund's money is, as the order and after-sales pages say it. */
export function refundStatusText(status: RefundStatus): string {
  if (status === 'succeeded') return '已原路退回';
  if (status === 'settled_offline') return '已由客服线下退回';
  if (status === 'failed' || status === 'flagged') return '退款遇到问题，客服将联系你';
  return '退款处理中，预计1-3个工作日原路退回';
}
