import { failure, money, success } from '@shared/client';
import { describe, expect, it } from 'vitest';
import { emptyText, footerText, ORDER_TABS, type OrderItem, ordersRequest, pageLoaded } from './view';

const order = (orderId: string): OrderItem => ({
  orderId,
  role: 'leader',
  title: '奉节脐橙 5斤装',
  spec: '5斤',
  quantity: 1,
  unitPrice: money.fen(2990),
  total: money.fen(2990),
  status: 'awaiting_group',
  statusLabel: '待成团',
  groupId: 'g1',
  createdAt: 0,
  payDeadlineAt: 0,
});
const same = (o: OrderItem) => o;

describe('orders tab', () => {
  it('has the seven tabs in order', () => {
    expect(ORDER_TABS.map((t) => t.label)).toEqual(['全部', '待付款', '待成团', '待发货', '已发货', '已完成', '退款']);
  });

  it('asks listMyOrders for the tab, 20 at a time from the offset', () => {
    expect(ordersRequest('awaiting_group', 0)).toEqual({ status: 'awaiting_group', limit: 20, offset: 0 });
    expect(ordersRequest('refund', 40)).toEqual({ status: 'refund', limit: 20, offset: 40 });
  });

  it('says what is missing per tab', () => {
    expect(emptyText('awaiting_group')).toBe('还没有待成团的订单');
    expect(emptyText('refund')).toBe('还没有退款的订单');
    expect(emptyText('all')).toBe('还没有订单，去首页看看正在拼的团吧');
  });
});

describe('pageLoaded', () => {
  it('replaces the list with the first page and appends later pages', () => {
    const first = pageLoaded([], success({ items: [order('a'), order('b')], hasMore: true }), 0, same);
    expect(first).toEqual({ state: 'ready', message: '', rows: [order('a'), order('b')], hasMore: true });
    const second = pageLoaded(first.rows, success({ items: [order('c')], hasMore: false }), 2, same);
    expect(second.rows.map((o) => o.orderId)).toEqual(['a', 'b', 'c']);
    expect(second.hasMore).toBe(false);
    const reloaded = pageLoaded(second.rows, success({ items: [order('z')], hasMore: false }), 0, same);
    expect(reloaded.rows.map((o) => o.orderId)).toEqual(['z']);
  });

  it('is empty when the first page has nothing', () => {
    expect(pageLoaded([order('a')], success({ items: [], hasMore: false }), 0, same)).toMatchObject({
      state: 'empty',
      rows: [],
    });
  });

  it("shows the envelope's message when the first page fails", () => {
    expect(pageLoaded([], failure('UNAVAILABLE'), 0, same)).toEqual({
      state: 'error',
      message: '服务暂时不可用，请稍后再试',
      rows: [],
      hasMore: false,
    });
  });

  it('keeps the list when a later page fails, so scrolling down retries', () => {
    expect(pageLoaded([order('a')], failure('INTERNAL'), 1, same)).toEqual({
      state: 'ready',
      message: '系统繁忙，请稍后再试',
      rows: [order('a')],
      hasMore: true,
    });
  });

  it('maps items to rows', () => {
    const titles = pageLoaded([], success({ items: [order('a')], hasMore: false }), 0, (o) => o.title);
    expect(titles.rows).toEqual(['奉节脐橙 5斤装']);
  });
});

describe('footerText', () => {
  it('says whether there is more below', () => {
    expect(footerText(true, false)).toBe('上拉加载更多');
    expect(footerText(true, true)).toBe('加载中…');
    expect(footerText(false, false)).toBe('没有更多了');
  });
});
