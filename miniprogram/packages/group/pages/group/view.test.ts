import { encodeShareScene, failure, getGroupContract, GROUP_PAGE, success } from '@shared/client';
import { describe, expect, it } from 'vitest';
import { countdownText } from '../../../../utils/format';
import { type GroupData, groupPageView, groupStatus, groupTarget, MISSING_GROUP, shareMessage } from './view';

const now = 1_764_000_000_000;
const HOUR = 3_600_000;

const group = (overrides: Partial<Record<keyof GroupData, unknown>> = {}): GroupData =>
  getGroupContract.response.parse({
    groupId: 'G20261125200000abcd1234',
    activityId: 'act-hotpot',
    status: 'forming',
    title: '秦妈火锅底料',
    spec: '500g×2袋',
    image: 'cloud://shancheng/products/hotpot-1.jpg',
    groupPrice: 2990,
    soloPrice: 3990,
    size: 3,
    seatsPaid: 1,
    seatsLeft: 2,
    members: [{ nickname: '张*', avatarUrl: '', isLeader: true }],
    deadlineAt: now + 2 * HOUR,
    shareTitle: '【还差2人】29.9元拼秦妈火锅底料',
    joinable: true,
    viewer: 'visitor',
    ...overrides,
  });

const buttons = (g: GroupData) => groupStatus(g, now).actions.map((a) => `${a.kind}:${a.text}`);

describe('group page buttons by status, viewer and joinable', () => {
  it('a visitor who may join gets 立即参团 and the seats left', () => {
    expect(groupStatus(group(), now)).toEqual({
      headline: '还差2人成团',
      counting: true,
      actions: [{ kind: 'join', text: '立即参团', primary: true }],
    });
  });

  it('the leader and members of a forming group invite friends and make a poster', () => {
    for (const viewer of ['leader', 'member']) {
      const forming = group({ viewer, joinable: false, seatsLeft: 1 });
      expect(buttons(forming)).toEqual(['share:邀请好友参团', 'poster:生成海报']);
      expect(groupStatus(forming, now)).toMatchObject({ headline: '还差1人成团', counting: true });
    }
  });

  it('a full group still forming waits for payments; a visitor looks elsewhere', () => {
    const full = { joinable: false, seatsLeft: 0 };
    expect(groupStatus(group({ ...full, viewer: 'member' }), now)).toMatchObject({
      headline: '已满员，等待付款',
      actions: [{ kind: 'orders', text: '查看订单' }],
    });
    expect(groupStatus(group({ ...full, viewer: 'visitor' }), now)).toMatchObject({
      headline: '该团已满员',
      actions: [{ kind: 'activity', text: '看看其他团' }],
    });
  });

  it('a succeeded group: 拼团成功 and the orders for those in it, other groups for a visitor', () => {
    const succeeded = { status: 'succeeded', joinable: false, seatsLeft: 0 };
    expect(groupStatus(group({ ...succeeded, viewer: 'leader' }), now)).toEqual({
      headline: '拼团成功',
      counting: false,
      actions: [{ kind: 'orders', text: '查看订单', primary: true }],
    });
    expect(buttons(group({ ...succeeded, viewer: 'visitor' }))).toEqual(['activity:看看其他团']);
  });

  it('a group the platform completed says 平台成团 to those in it, and to visitors', () => {
    const completed = { status: 'succeeded', joinable: false, seatsLeft: 2, completedBy: 'platform' };
    expect(groupStatus(group({ ...completed, viewer: 'member' }), now)).toEqual({
      headline: '平台成团',
      note: '差的人数由平台补贴，照常发货',
      counting: false,
      actions: [{ kind: 'orders', text: '查看订单', primary: true }],
    });
    expect(groupStatus(group({ ...completed, viewer: 'visitor' }), now)).toMatchObject({
      headline: '该团已拼成（平台成团）',
      actions: [{ kind: 'activity', text: '看看其他团' }],
    });
  });

  it('a failed or expired group tells those in it they are refunded and offers a new group', () => {
    const failed = group({ status: 'failed', joinable: false, viewer: 'member' });
    const expired = group({ deadlineAt: now - 1000, joinable: false, viewer: 'leader' });
    for (const ended of [failed, expired]) {
      expect(groupStatus(ended, now)).toEqual({
        headline: '拼团未成功，已退款',
        counting: false,
        actions: [{ kind: 'activity', text: '去开个新团', primary: true }],
      });
    }
    expect(groupStatus(group({ status: 'failed', joinable: false }), now)).toMatchObject({
      headline: '该团已结束',
      actions: [{ kind: 'activity', text: '看看其他团' }],
    });
  });

  it('the leader of an unpaid group is sent to pay; of an abandoned one, to open a new one', () => {
    expect(buttons(group({ status: 'pending', joinable: false, viewer: 'leader' }))).toEqual(['orders:去付款']);
    expect(buttons(group({ status: 'abandoned', joinable: false, viewer: 'leader' }))).toEqual(['activity:去开个新团']);
  });

  it('counts down only while the group is forming before its deadline', () => {
    expect(groupStatus(group(), now).counting).toBe(true);
    expect(countdownText(group().deadlineAt, now)).toBe('02:00:00');
    expect(groupStatus(group({ deadlineAt: now, joinable: false }), now).counting).toBe(false);
  });
});

describe('group page view', () => {
  it('shows the group with its size and saving', () => {
    const view = groupPageView(success(group()), now);
    expect(view).toMatchObject({ state: 'ready', sizeText: '3人团', savingText: '省¥10.00' });
    expect(view.group?.members).toHaveLength(1);
  });

  it('an unknown group is empty; other errors show their Chinese message to retry', () => {
    expect(groupPageView(failure('NOT_FOUND'), now)).toMatchObject({ state: 'empty', message: MISSING_GROUP });
    expect(groupPageView(failure('UNAVAILABLE'), now)).toMatchObject({
      state: 'error',
      message: '服务暂时不可用，请稍后再试',
    });
  });
});

describe('where a visit comes from', () => {
  it('a shared card names the group and the sharer', () => {
    expect(groupTarget({ groupId: 'G1', from: 'k3j9x0qa' })).toEqual({ groupId: 'G1', ref: 'k3j9x0qa' });
    expect(groupTarget({ groupId: 'G1' })).toEqual({ groupId: 'G1' });
    expect(groupTarget({})).toBeNull();
  });

  it('a scanned poster carries both in its URI-encoded scene', () => {
    const scene = encodeURIComponent(encodeShareScene('G20261125200000abcd1234', 'k3j9x0qa'));
    expect(groupTarget({ scene })).toEqual({ groupId: 'G20261125200000abcd1234', ref: 'k3j9x0qa' });
    expect(groupTarget({ scene: 'a.b.c' })).toBeNull();
  });
});

describe('share card', () => {
  it('opens this group with the sharer as from=ref, titled by getGroup', () => {
    const g = group();
    const card = shareMessage(g.groupId, g, 'k3j9x0qa');
    expect(card).toEqual({
      title: '【还差2人】29.9元拼秦妈火锅底料',
      path: `/${GROUP_PAGE}?groupId=G20261125200000abcd1234&from=k3j9x0qa`,
      imageUrl: 'cloud://shancheng/products/hotpot-1.jpg',
    });
    expect(groupTarget(Object.fromEntries(new URLSearchParams(card.path.split('?')[1])))).toEqual({
      groupId: g.groupId,
      ref: 'k3j9x0qa',
    });
  });

  it('still opens the group before login or loading finished', () => {
    expect(shareMessage('G1', undefined, undefined)).toEqual({
      title: '山城拼团，一起拼更划算',
      path: `/${GROUP_PAGE}?groupId=G1`,
    });
  });
});
