import { failure, money, parseBusinessTime, success } from '@shared/client';
import { describe, expect, it } from 'vitest';
import { groupCardView } from '../../../../components/group-card/view';
import { countdownText } from '../../../../utils/format';
import { type Activity, activityPage, activityShare, activityView, buyButtons, scopeText } from './view';

const now = parseBusinessTime('2026-11-25 20:00');
const HOUR = 3600_000;

const activity = (over: Partial<Activity> = {}): Activity => ({
  activityId: 'act-orange',
  title: '奉节脐橙 5斤装',
  status: 'active',
  onSale: true,
  groupPrice: money.fen(2990),
  soloPrice: money.fen(3990),
  groupSize: 3,
  validityHours: 24,
  startAt: parseBusinessTime('2026-11-25 10:00'),
  endAt: parseBusinessTime('2026-11-30 22:00'),
  perOrderLimit: 2,
  perUserLimit: 5,
  newCustomerOnly: false,
  stockMode: 'dedicated',
  stockLeft: 120,
  product: {
    productId: 'p1',
    title: '奉节脐橙',
    subtitle: '长江边的橙子，化渣多汁',
    images: ['https://img.example/orange-1.jpg', 'https://img.example/orange-2.jpg'],
    origin: '重庆奉节',
  },
  sku: { skuId: 's1', spec: '5斤装' },
  openGroups: [],
  ...over,
});

const openGroup = (groupId: string, seatsLeft: number, deadlineAt = now + HOUR) => ({
  groupId,
  seatsLeft,
  deadlineAt,
  leader: { nickname: '李*', avatarUrl: '' },
});

describe('activity page', () => {
  it('shows prices in yuan, the group size, limits, validity and the activity window', () => {
    const view = activityView(activity({ leaderPrice: money.fen(2500) }), now);
    expect(view).toMatchObject({
      title: '奉节脐橙 5斤装',
      subtitle: '长江边的橙子，化渣多汁',
      origin: '重庆奉节',
      spec: '5斤装',
      groupPrice: 2990,
      soloPrice: 3990,
      groupSizeText: '3人团',
      leaderPriceText: '团长价¥25.00',
      stockText: '剩余120件',
      limitText: '每单限2件，每人限5件',
      validityText: '成团时限24小时',
      windowText: '11月25日 10:00 至 11月30日 22:00',
      scopeText: '',
    });
    expect(view.buttons).toEqual({
      disabled: false,
      reason: '',
      openText: '¥25.00 发起拼团',
      soloText: '¥39.90 单独购买',
    });
    expect(activityView(activity(), now).leaderPriceText).toBe('');
  });

  it('counts down to the end while on sale, to the start before, and not at all once over', () => {
    const onSale = activityView(activity({ endAt: now + 2 * HOUR }), now).countdown!;
    expect(onSale.prefix).toBe('距结束');
    expect(countdownText(onSale.deadline, now)).toBe('02:00:00');
    const soon = activityView(activity({ startAt: now + 90_000, onSale: false }), now).countdown!;
    expect([soon.prefix, countdownText(soon.deadline, now)]).toEqual(['距开抢', '00:01:30']);
    expect(activityView(activity({ endAt: now - 1, onSale: false }), now).countdown).toBeNull();
  });

  it('disables both buttons with the reason: 未开始, 已结束, 已售罄, paused', () => {
    const reason = (over: Partial<Activity>) => buyButtons(activity(over), now);
    expect(reason({ startAt: parseBusinessTime('2026-11-26 10:00'), onSale: false })).toMatchObject({
      disabled: true,
      reason: '活动未开始，11月26日 10:00开抢',
    });
    expect(reason({ endAt: now, onSale: false })).toMatchObject({ disabled: true, reason: '活动已结束' });
    expect(reason({ status: 'ended', onSale: false, stockLeft: 0 }).reason).toBe('活动已结束');
    expect(reason({ stockLeft: 0 })).toMatchObject({ disabled: true, reason: '已售罄，下次早点来哦' });
    expect(reason({ status: 'paused', onSale: false })).toMatchObject({
      disabled: true,
      reason: '活动暂停中，晚点再来看看',
    });
    expect(activityView(activity({ stockLeft: 0 }), now).stockText).toBe('已售罄');
  });

  it('lists the forming groups to join, with the seats each still needs', () => {
    const groups = [openGroup('g1', 1), openGroup('g2', 2), openGroup('g-late', 1, now)];
    const { openGroups } = activityView(activity({ openGroups: groups }), now);
    expect(openGroups.state).toBe('ready');
    expect(openGroups.title).toBe('2个团正在凑，最快还差1人成团');
    expect(openGroups.items.map((g) => groupCardView(g).seatsText)).toEqual(['还差1人成团', '还差2人成团']);
    expect(activityView(activity(), now).openGroups).toMatchObject({
      state: 'empty',
      emptyText: '还没有人在凑团，开个团喊朋友一起拼嘛',
    });
  });

  it('writes where shoppers may join', () => {
    expect(scopeText({ kind: 'districts', districts: ['渝中区', '江北区'] })).toBe('限渝中区、江北区参团');
    const center = { type: 'Point' as const, coordinates: [106.55, 29.56] as [number, number] };
    expect(scopeText({ kind: 'radius', center, radiusMeters: 5000 })).toBe('限活动地点5公里内参团');
    expect(scopeText({ kind: 'radius', center, radiusMeters: 1500 })).toBe('限活动地点1.5公里内参团');
    expect(scopeText({ kind: 'radius', center, radiusMeters: 800 })).toBe('限活动地点800米内参团');
    expect(scopeText({ kind: 'pickup_point', pickupPointId: 'PP1' })).toBe('社区团：仅限到指定自提点自提');
    expect(scopeText(undefined)).toBe('');
  });

  it('states the group rules with this activity’s numbers', () => {
    const { rules } = activityView(activity({ newCustomerOnly: true }), now);
    expect(rules[0]).toBe('开团并支付后邀请好友参团，3人成团');
    expect(rules[1]).toContain('24小时内未凑齐人数');
    expect(rules[1]).toContain('自动原路退款');
    expect(rules.at(-1)).toContain('仅限新用户');
  });

  it('shows the error’s Chinese message when the activity cannot be loaded', () => {
    expect(activityPage(failure('NOT_FOUND'), now)).toEqual({
      state: 'error',
      message: '内容不存在或已下架',
      activity: null,
    });
    expect(activityPage(success(activity()), now).state).toBe('ready');
  });

  it('shares the activity with its price, first image and the sharer’s ref', () => {
    expect(activityShare(activityView(activity(), now), 'k3v9x2ab')).toEqual({
      title: '¥29.90拼奉节脐橙 5斤装，3人团',
      path: '/packages/group/pages/activity/index?activityId=act-orange&from=k3v9x2ab',
      imageUrl: 'https://img.example/orange-1.jpg',
    });
  });
});
