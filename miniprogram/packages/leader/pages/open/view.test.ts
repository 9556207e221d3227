import { failure, money, parseBusinessTime, success } from '@shared/client';
import { describe, expect, it } from 'vitest';
import { afterOpen, NOTHING_TO_OPEN, openLoaded } from './view';

const activity = {
  activityId: 'A1',
  title: '奉节脐橙 拼团',
  image: 'https://img/p.jpg',
  spec: '5斤装',
  leaderPrice: money.fen(2590),
  groupPrice: money.fen(2990),
  soloPrice: money.fen(3990),
  groupSize: 3,
  endAt: parseBusinessTime('2026-12-01 20:00'),
  unitsLeft: 12,
  earnsCommission: true,
  commissionText: '实付 10%，成团奖励 ¥5.00',
};

describe('开团工具 page view', () => {
  it('shows each activity with what the leader pays, the group, the stock and the commission', () => {
    expect(openLoaded(success({ pickupPointId: 'pp1', items: [activity] }))).toEqual({
      state: 'ready',
      message: '',
      pickupPointId: 'pp1',
      cards: [
        {
          activityId: 'A1',
          title: '奉节脐橙 拼团',
          image: 'https://img/p.jpg',
          spec: '5斤装',
          leaderPrice: '¥25.90',
          groupPrice: '¥29.90',
          detail: '3人团 · 剩12件 · 12-01 20:00 结束',
          commission: '佣金：实付 10%，成团奖励 ¥5.00',
          earnsCommission: true,
        },
      ],
    });
    const none = openLoaded(
      success({ pickupPointId: 'pp1', items: [{ ...activity, earnsCommission: false, commissionText: '无佣金' }] }),
    );
    expect(none).toMatchObject({ cards: [{ commission: '无佣金' }] });
  });

  it('says when there is nothing to open, or why it cannot list', () => {
    expect(openLoaded(success({ pickupPointId: 'pp1', items: [] }))).toEqual({
      state: 'empty',
      message: NOTHING_TO_OPEN,
    });
    expect(openLoaded(failure('FORBIDDEN'))).toMatchObject({ state: 'error' });
  });

  it('goes to the new group to share it once paid, else to the order to pay later', () => {
    const placed = { orderId: 'O1', groupId: 'G1' };
    expect(afterOpen('paid', placed)).toEqual({
      toast: '开团成功，快分享给邻居吧',
      url: '/packages/group/pages/group/index?groupId=G1',
    });
    expect(afterOpen('cancelled', placed).url).toBe('/packages/order/pages/detail/index?orderId=O1');
    expect(afterOpen('failed', placed).toast).toContain('重新支付');
  });
});
