import { money } from '@shared/client';
import { describe, expect, it } from 'vitest';
import { groupRow, groupStatusText, type MyGroup } from './view';

const now = 1_750_000_000_000;
const group: MyGroup = {
  groupId: 'g1',
  activityId: 'a1',
  title: '重庆火锅底料 500g',
  image: 'https://img.example/hotpot.jpg',
  groupPrice: money.fen(2990),
  status: 'forming',
  role: 'leader',
  size: 3,
  seatsPaid: 1,
  seatsLeft: 2,
  deadlineAt: now + 3_600_000,
  openedAt: now - 60_000,
};

describe('我的拼团', () => {
  it('says how each group stands', () => {
    expect(groupStatusText(group)).toBe('拼团中 还差2人');
    expect(groupStatusText({ status: 'forming', seatsLeft: 0 })).toBe('拼团中 等待付款');
    expect(groupStatusText({ status: 'succeeded', seatsLeft: 0 })).toBe('拼团成功');
    expect(groupStatusText({ status: 'failed', seatsLeft: 1 })).toBe('拼团失败');
    expect(groupStatusText({ status: 'pending', seatsLeft: 2 })).toBe('待支付开团');
    expect(groupStatusText({ status: 'abandoned', seatsLeft: 2 })).toBe('未开团');
  });

  it('says whose group it is and counts down while it forms', () => {
    expect(groupRow(group, now)).toEqual({
      groupId: 'g1',
      title: '重庆火锅底料 500g',
      image: 'https://img.example/hotpot.jpg',
      groupPrice: 2990,
      statusText: '拼团中 还差2人',
      roleText: '我开的团',
      ticking: true,
      deadlineAt: now + 3_600_000,
    });
    expect(groupRow({ ...group, role: 'member' }, now).roleText).toBe('我参与的');
    expect(groupRow({ ...group, status: 'succeeded', seatsLeft: 0 }, now).ticking).toBe(false);
    expect(groupRow({ ...group, deadlineAt: now }, now).ticking).toBe(false);
  });
});
