import { describe, expect, it } from 'vitest';
import { ORDER_AT_POINT_STATUS } from './fulfilment';
import type { Group } from './group.schema';
import {
  arrivalsBySku,
  deskDayStart,
  isMemberOrder,
  leaderGroupStatusLabel,
  memberStanding,
  shopperName,
} from './leader-desk';
import type { OrderStatus } from './order.machine';

const order = (n: number, skuId: string, quantity: number, status: OrderStatus) => ({
  _id: `O${n}`,
  skuId,
  title: skuId === 'huajiao' ? '江津花椒' : '奉节脐橙',
  spec: skuId === 'huajiao' ? '250g' : '5kg',
  quantity,
  status,
});

describe('the pickup desk', () => {
  it('sums today’s arrivals by SKU, most units first, leaving out refunded orders', () => {
    const arrived = [
      order(1, 'orange', 1, 'at_pickup_point'),
      order(2, 'huajiao', 2, 'picked_up'),
      order(3, 'huajiao', 1, 'at_pickup_point'),
      order(4, 'orange', 5, 'refunding'),
      order(5, 'orange', 1, 'refunded'),
      order(6, 'huajiao', 1, 'completed'),
    ];
    expect(arrivalsBySku(arrived, ORDER_AT_POINT_STATUS)).toEqual([
      { skuId: 'huajiao', title: '江津花椒', spec: '250g', orders: 3, units: 4, unitsWaiting: 1 },
      { skuId: 'orange', title: '奉节脐橙', spec: '5kg', orders: 1, units: 1, unitsWaiting: 1 },
    ]);
    expect(arrivalsBySku([], ORDER_AT_POINT_STATUS)).toEqual([]);
  });

  it('starts its day at midnight in Chongqing', () => {
    // 2027-01-15 00:30 in Asia/Shanghai is 2027-01-14 16:30 UTC.
    const at = Date.UTC(2027, 0, 14, 16, 30);
    expect(deskDayStart(at)).toBe(Date.UTC(2027, 0, 14, 16, 0));
  });

  it('shows shoppers masked', () => {
    expect(shopperName('王小明')).toBe('王*明');
    expect(shopperName(undefined)).toBe('微信用户');
  });
});

describe('团员管理', () => {
  it('counts every order of the group but a seat given back unpaid', () => {
    expect(isMemberOrder({ status: 'pending_payment' })).toBe(true);
    expect(isMemberOrder({ status: 'closed' })).toBe(false);
    expect(isMemberOrder({ status: 'closed', paidAt: 1 })).toBe(true);
    expect(isMemberOrder({ status: 'refunded', paidAt: 1 })).toBe(true);
  });

  it('says whether a member paid and has their goods', () => {
    expect(memberStanding({ status: 'pending_payment' })).toEqual({
      paid: false,
      collected: false,
      statusLabel: '待付款',
    });
    expect(memberStanding({ status: 'at_pickup_point', paidAt: 1 })).toEqual({
      paid: true,
      collected: false,
      statusLabel: '待取货',
    });
    expect(memberStanding({ status: 'picked_up', paidAt: 1, receivedAt: 2 })).toEqual({
      paid: true,
      collected: true,
      statusLabel: '已取货',
    });
  });

  it('labels the group as its 团长 reads it', () => {
    const group = (patch: Partial<Group>) =>
      leaderGroupStatusLabel({ status: 'forming', size: 3, seatsTaken: 1, ...patch } as Group);
    expect(group({})).toBe('拼团中，还差2人');
    expect(group({ seatsTaken: 3 })).toBe('拼团中，等待付款');
    expect(group({ status: 'pending' })).toBe('待付款开团');
    expect(group({ status: 'succeeded' })).toBe('已成团');
    expect(group({ status: 'succeeded', completedBy: 'platform' })).toBe('平台成团');
    expect(group({ status: 'failed' })).toBe('未成团');
    expect(group({ status: 'failed', closedBy: 'platform' })).toBe('平台关闭');
  });
});
