import { failure, money, parseBusinessTime, success } from '@shared/client';
import { describe, expect, it } from 'vitest';
import { groupCardView } from '../../components/group-card/view';
import { countdownText } from '../../utils/format';
import {
  flashSection,
  friendsSection,
  type GroupCard,
  homeSections,
  homeShare,
  hotSection,
  nearbyByDistrict,
  nearbyByLocation,
} from './view';

const now = parseBusinessTime('2026-11-25 20:00');

const activity = (activityId: string, over: { endAt?: number; sold?: number } = {}) => ({
  activityId,
  title: '秀山土鸡蛋 30枚',
  image: 'https://img.example/egg.jpg',
  groupPrice: money.fen(2990),
  soloPrice: money.fen(3990),
  groupSize: 3,
  endAt: now + 2 * 3600_000,
  sold: 128,
  ...over,
});

const group = (groupId: string, over: Partial<GroupCard> = {}): GroupCard => ({
  groupId,
  activityId: 'a1',
  title: '奉节脐橙 5斤装',
  spec: '5斤',
  image: 'https://img.example/orange.jpg',
  groupPrice: money.fen(2990),
  soloPrice: money.fen(3990),
  size: 3,
  seatsLeft: 1,
  deadlineAt: now + 3600_000,
  leader: { nickname: '张*', avatarUrl: '' },
  district: '渝中区',
  ...over,
});

const list = <T>(items: T[]) => success({ items, hasMore: false });

describe('home page', () => {
  it('starts with every section loading; 你的好友在拼 only when someone shared the way here', () => {
    const home = homeSections('k3v9x2ab');
    expect([home.friends, home.flash, home.nearby, home.hot].map((s) => s.state)).toEqual([
      'loading',
      'loading',
      'loading',
      'loading',
    ]);
    expect(home.friends.visible).toBe(true);
    expect(homeSections(undefined).friends.visible).toBe(false);
  });

  it('shows the friend’s groups, and hides the section when the friend has none', () => {
    expect(friendsSection(success({ items: [group('g1')] }))).toMatchObject({ visible: true, state: 'ready' });
    expect(friendsSection(success({ items: [] }))).toMatchObject({ visible: false, state: 'empty' });
  });

  it('限时抢购: prices in fen, a countdown to each end, and nothing already over', () => {
    const flash = flashSection(list([activity('a1'), activity('a2', { endAt: now - 1 })]), now);
    expect(flash.state).toBe('ready');
    expect(flash.items.map((i) => i.activityId)).toEqual(['a1']);
    const [item] = flash.items;
    expect(item).toMatchObject({ groupPrice: 2990, soloPrice: 3990, groupSizeText: '3人团' });
    expect(countdownText(item!.endAt, now)).toBe('02:00:00');
    expect(flashSection(list([activity('a2', { endAt: now })]), now)).toMatchObject({
      state: 'empty',
      emptyText: '今天的限时抢购都抢完了，明天再来看看嘛',
    });
  });

  it('热门拼团: group size and how many were sold', () => {
    const hot = hotSection(list([activity('a1'), activity('a2', { sold: 0 })]));
    expect(hot.items.map((i) => [i.groupSizeText, i.soldText])).toEqual([
      ['3人团', '已拼128件'],
      ['3人团', '新上架'],
    ]);
    expect(hotSection(list([]))).toMatchObject({ state: 'empty', emptyText: '好货正在上架，晚点再来看看' });
  });

  it('shows the envelope’s Chinese message when a section fails', () => {
    expect(hotSection(failure('UNAVAILABLE'))).toMatchObject({
      state: 'error',
      message: '服务暂时不可用，请稍后再试',
    });
    expect(flashSection(failure('INTERNAL'), now)).toMatchObject({ state: 'error', message: '系统繁忙，请稍后再试' });
    expect(friendsSection(failure('UNAVAILABLE'))).toMatchObject({ visible: true, state: 'error' });
  });

  it('附近的团 by location: loading while locating, then the groups with their distance', () => {
    expect(nearbyByLocation()).toMatchObject({ by: 'near', state: 'loading' });
    const near = nearbyByLocation(success({ items: [group('g1', { distanceMeters: 1234 })] }));
    expect(near).toMatchObject({ by: 'near', state: 'ready' });
    expect(groupCardView(near.items[0]!).placeText).toBe('渝中区 · 1.2km');
    // A 社区团 at the nearest point: the card names the point and its distance.
    const community = nearbyByLocation(
      success({
        items: [
          group('g2', { distanceMeters: 300, pickupPoint: { pickupPointId: 'pp1', name: '民族路便利店' } }),
          group('g1', { distanceMeters: 1234 }),
        ],
      }),
    );
    expect(community.items.map((g) => groupCardView(g)).map((c) => [c.placeText, c.community])).toEqual([
      ['民族路便利店 · 300m', true],
      ['渝中区 · 1.2km', false],
    ]);
    expect(nearbyByLocation(success({ items: [] }))).toMatchObject({
      state: 'empty',
      emptyText: '附近暂时还没有人开团，去热门拼团看看',
    });
  });

  it('附近的团 with location refused: a district picker that asks for a district first', () => {
    expect(nearbyByDistrict('')).toEqual({
      by: 'district',
      state: 'empty',
      message: '',
      emptyText: '选个区县，看看大家都在拼啥子',
      items: [],
      district: '',
      districtIndex: 0,
      districtText: '选择区县',
    });
    expect(nearbyByDistrict('南岸区')).toMatchObject({ state: 'loading', districtIndex: 2, districtText: '南岸区' });
    expect(nearbyByDistrict('南岸区', success({ items: [] }))).toMatchObject({
      state: 'empty',
      emptyText: '南岸区暂时还没有人开团，自己开一个嘛',
    });
    expect(nearbyByDistrict('南岸区', failure('UNAVAILABLE'))).toMatchObject({
      state: 'error',
      message: '服务暂时不可用，请稍后再试',
      district: '南岸区',
    });
  });

  it('shares the home page with the sharer’s ref', () => {
    expect(homeShare('k3v9x2ab').path).toBe('/pages/home/index?from=k3v9x2ab');
    expect(homeShare('').path).toBe('/pages/home/index');
  });
});
