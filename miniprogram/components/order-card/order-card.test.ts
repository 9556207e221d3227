// @vitest-environment jsdom
import { money, ORDER_STATUS_LABELS, type OrderStatus } from '@shared/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, shows, sleep, textIn } from '../../testing/render-component';
import { type OrderItem, orderActions, orderCardView } from './view';

const NOW = Date.UTC(2026, 10, 25, 4, 0, 0);

function order(status: OrderStatus, more: Partial<OrderItem> = {}): OrderItem {
  return {
    orderId: 'o-1',
    role: 'member',
    title: '奉节脐橙',
    spec: '5斤装',
    quantity: 2,
    unitPrice: money.fen(2990),
    total: money.fen(5980),
    status,
    statusLabel: ORDER_STATUS_LABELS[status],
    groupId: 'g-1',
    createdAt: NOW - 60_000,
    payDeadlineAt: NOW + 14 * 60_000,
    ...more,
  };
}

const actionsOf = (item: OrderItem, now = NOW) => orderActions(item, now).map((button) => button.action);

describe('order-card', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] }); // sleep() keeps the real setTimeout
    vi.setSystemTime(NOW);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('offers 去支付 before the payment deadline, 邀请好友 while the group fills, 查看详情 always', () => {
    expect(actionsOf(order('pending_payment'))).toEqual(['detail', 'pay']);
    expect(actionsOf(order('pending_payment'), NOW + 14 * 60_000)).toEqual(['detail']);
    expect(actionsOf(order('awaiting_group'))).toEqual(['detail', 'invite']);
    for (const status of ['to_ship', 'shipped', 'completed', 'closed', 'refunding', 'refunded'] as const) {
      expect(actionsOf(order(status))).toEqual(['detail']);
    }
    expect(orderActions(order('pending_payment'), NOW)[1]).toEqual({ action: 'pay', text: '去支付', primary: true });
  });

  it('counts down to the payment deadline, and reads 支付已超时 after it', () => {
    expect(orderCardView(order('pending_payment'), NOW)).toMatchObject({
      statusText: '待付款',
      statusTone: 'pending',
      payDeadline: NOW + 14 * 60_000,
      specText: '5斤装 × 2',
    });
    expect(orderCardView(order('pending_payment'), NOW + 15 * 60_000)).toMatchObject({
      statusText: '支付已超时',
      payDeadline: 0,
    });
    expect(orderCardView(order('awaiting_group'), NOW).payDeadline).toBe(0);
  });

  it('says where the money of a refund goes', () => {
    expect(orderCardView(order('refunding'), NOW)).toMatchObject({
      statusTone: 'refund',
      refundNote: expect.stringContaining('原路退回'),
    });
    expect(orderCardView(order('refunded'), NOW).refundNote).toBe('款项已原路退回');
    expect(orderCardView(order('to_ship'), NOW).refundNote).toBe('');
  });

  it('待付款: the total, a countdown to the payment deadline and 去支付', async () => {
    const card = await render('order-card', { order: order('pending_payment') });
    expect(textIn(card, '.order-card__title')).toBe('奉节脐橙');
    expect(textIn(card, '.order-card__status')).toBe('待付款');
    expect(textIn(card, '.order-card__spec')).toBe('5斤装 × 2');
    expect(textIn(card, '.order-card__total')).toBe('合计¥59.80');
    expect(textIn(card, '.order-card__countdown')).toBe('支付剩余00:14:00');
    expect(textIn(card, '.order-card__buttons')).toBe('查看详情 去支付');
  });

  it('待付款: the 去支付 button goes away when the payment window runs out', async () => {
    const card = await render('order-card', { order: order('pending_payment') });
    vi.advanceTimersByTime(14 * 60_000);
    expect(textIn(card, '.order-card__status')).toBe('支付已超时');
    expect(shows(card, '.order-card__countdown')).toBe(false);
    expect(textIn(card, '.order-card__buttons')).toBe('查看详情');
  });

  it('待成团: 邀请好友', async () => {
    const card = await render('order-card', { order: order('awaiting_group') });
    expect(textIn(card, '.order-card__status')).toBe('待成团');
    expect(shows(card, '.order-card__countdown')).toBe(false);
    expect(textIn(card, '.order-card__buttons')).toBe('查看详情 邀请好友');
  });

  it('待发货, 已发货 and 已完成: the status and 查看详情', async () => {
    for (const [status, label] of [
      ['to_ship', '待发货'],
      ['shipped', '已发货'],
      ['completed', '已完成'],
    ] as const) {
      const card = await render('order-card', { order: order(status) });
      expect(textIn(card, '.order-card__status')).toBe(label);
      expect(textIn(card, '.order-card__buttons')).toBe('查看详情');
      expect(shows(card, '.order-card__refund-note')).toBe(false);
    }
  });

  it('退款: 退款中 and 已退款 stand out, with where the money goes', async () => {
    const refunding = await render('order-card', { order: order('refunding') });
    expect(textIn(refunding, '.order-card__status--refund')).toBe('退款中');
    expect(textIn(refunding, '.order-card__refund-note')).toBe('款项将原路退回，请留意微信支付通知');
    const refunded = await render('order-card', { order: order('refunded') });
    expect(textIn(refunded, '.order-card__status--refund')).toBe('已退款');
    expect(textIn(refunded, '.order-card__refund-note')).toBe('款项已原路退回');
  });

  it('fires action: detail on the card, pay and invite on their buttons', async () => {
    const actions: unknown[] = [];
    const pending = await render('order-card', { order: order('pending_payment') });
    pending.addEventListener('action', (event) => actions.push(event.detail));
    pending.querySelector('.order-card')?.dispatchEvent('tap');
    pending.querySelector('.order-card__button--primary')?.dispatchEvent('tap');
    await sleep(0);
    const waiting = await render('order-card', { order: order('awaiting_group', { orderId: 'o-2' }) });
    waiting.addEventListener('action', (event) => actions.push(event.detail));
    waiting.querySelector('.order-card__button--primary')?.dispatchEvent('tap');
    await sleep(0);
    expect(actions).toEqual([
      { action: 'detail', orderId: 'o-1', groupId: 'g-1' },
      { action: 'pay', orderId: 'o-1', groupId: 'g-1' },
      { action: 'invite', orderId: 'o-2', groupId: 'g-1' },
    ]);
  });
});
