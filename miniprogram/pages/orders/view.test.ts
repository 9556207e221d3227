import { describe, expect, it } from 'vitest';
import { emptyText, ORDER_TABS, ordersRequest } from './view';

describe('orders tab', () => {
  it('has the seven tabs in order', () => {
    expect(ORDER_TABS.map((t) => t.label)).toEqual(['全部', '待付款', '待成团', '待发货', '待收货', '已完成', '退款']);
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
