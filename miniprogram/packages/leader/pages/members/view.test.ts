import { parseBusinessTime } from '@shared/client';
import { describe, expect, it } from 'vitest';
import { type LeaderGroup, leaderGroupCard } from './view';

const group: LeaderGroup = {
  groupId: 'G1',
  activityId: 'a1',
  title: '老火锅底料',
  spec: '400g',
  status: 'succeeded',
  statusLabel: '已成团',
  size: 3,
  openedAt: parseBusinessTime('2026-12-06 19:40'),
  deadlineAt: parseBusinessTime('2026-12-07 19:40'),
  members: [
    { nickname: '陈*长', isOpener: true, quantity: 1, paid: true, collected: true, statusLabel: '已取货' },
    { nickname: '王*明', isOpener: false, quantity: 2, paid: true, collected: false, statusLabel: '待取货' },
    { nickname: '李*', isOpener: false, quantity: 1, paid: false, collected: false, statusLabel: '待付款' },
  ],
  paidCount: 2,
  collectedCount: 1,
};

describe('团员管理 view', () => {
  it('shows a group with its members: the 团长 tagged, paid and collected marked', () => {
    expect(leaderGroupCard(group)).toEqual({
      groupId: 'G1',
      title: '老火锅底料 400g',
      statusLabel: '已成团',
      summary: '已付 2/3 · 已取 1',
      openedText: '12-06 19:40 开团',
      members: [
        {
          key: 'G1-0',
          nickname: '陈*长',
          tag: '团长',
          paidText: '已付款',
          collectedText: '已取货',
          statusLabel: '已取货',
          paid: true,
          collected: true,
        },
        {
          key: 'G1-1',
          nickname: '王*明',
          tag: '',
          paidText: '已付款',
          collectedText: '未取货',
          statusLabel: '待取货',
          paid: true,
          collected: false,
        },
        {
          key: 'G1-2',
          nickname: '李*',
          tag: '',
          paidText: '未付款',
          collectedText: '未取货',
          statusLabel: '待付款',
          paid: false,
          collected: false,
        },
      ],
    });
  });
});
