/**
 * listGroups end to end (near / district / leader): bundled, in the emulator's runner with the real
 * wx-server-sdk, over groups written by openGroup and by hand at real Chongqing places. Database round trips
 * are counted by the emulator.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { GroupCard as Card } from '../../contracts/list-groups.contract';
import { data, refusal } from '../testing/envelopes';
import { at, type CatalogFixture, groupDoc, HOUR, metres, PLACES, seedCatalog } from '../testing/group-buy.fixtures';
import { caller, openGroupAs } from '../testing/shopper';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();
const call = caller(platform);
const { countingRoundTrips } = platform;

const withoutLocation = ({ location: _location, ...doc }: Record<string, unknown>) => doc;

describe('listGroups', () => {
  let fx: CatalogFixture;
  let opened: string;
  const me = 'o-disc-me';

  beforeAll(async () => {
    fx = await seedCatalog((c, d) => platform.insert(c, d));
    await platform.insert('users', [
      { _id: 'o-disc-l1', nickname: '解放碑吃货', avatarUrl: 'https://img/l1.png', roles: ['shopper'], createdAt: 1 },
      { _id: 'o-disc-l2', nickname: '张三', avatarUrl: '', roles: ['shopper'], createdAt: 1 },
    ]);
    // A group opened and paid through the functions, at the fixture's pickup point (解放碑).
    opened = (await openGroupAs(platform, fx, 'o-disc-real')).groupId;
    const now = Date.now();
    await platform.update('groups', { _id: opened }, { $set: { deadlineAt: now + 20 * HOUR } });
    const g = (id: string, leader: string, o: Record<string, unknown> = {}) => groupDoc(fx, id, leader, o);
    await platform.insert('groups', [
      g('G-disc-nanping', 'o-disc-l1', { ...PLACES.nanping, deadlineAt: now + 2 * HOUR }),
      g('G-disc-nanping-2', 'o-disc-l2', {
        ...PLACES.nanping,
        size: 5,
        seatsTaken: 3,
        memberOpenids: ['o-disc-l2', 'o-x', 'o-y'],
        deadlineAt: now + HOUR,
      }),
      g('G-disc-guanyinqiao', 'o-disc-l2', PLACES.guanyinqiao),
      g('G-disc-sanxia', 'o-disc-l1', PLACES.sanxia), // about 11 km away
      g('G-disc-full', 'o-disc-l1', { seatsTaken: 3, memberOpenids: ['o-disc-l1', 'o-a', 'o-b'] }),
      g('G-disc-pending', 'o-disc-l1', { status: 'pending', seatsPaid: 0, paidOpenids: [] }),
      g('G-disc-late', 'o-disc-l1', { deadlineAt: now - 1000 }), // past its deadline, not yet expired
      g('G-disc-failed', 'o-disc-l1', { status: 'failed' }),
      g('G-disc-succeeded', 'o-disc-l1', { status: 'succeeded', seatsTaken: 3, seatsPaid: 3 }),
      g('G-disc-mine', me, { ...PLACES.nanping, memberOpenids: [me], paidOpenids: [me] }),
      g('G-disc-joined', 'o-disc-l2', { ...PLACES.nanping, seatsTaken: 2, memberOpenids: ['o-disc-l2', me] }),
      // An address delivery without coordinates: found by district, never by distance.
      withoutLocation(g('G-disc-nowhere', 'o-disc-l2', { district: '南岸区', deadlineAt: now + 3 * HOUR })),
    ]);
  });

  it('lists joinable groups near the shopper, nearest first, with distances and masked leaders', async () => {
    const before = await platform.find('users');
    const { result, trips } = await countingRoundTrips(() =>
      call<{ items: Card[] }>('listGroups', me, { by: 'near', location: at(PLACES.jiefangbei) }),
    );
    console.log(`listGroups near: ${trips} database round trips`);
    expect(trips).toBeLessThanOrEqual(2);
    const { items } = data(result);
    expect(items.map((c) => c.groupId)).toEqual([opened, 'G-disc-nanping', 'G-disc-nanping-2', 'G-disc-guanyinqiao']);
    expect(items.map((c) => c.distanceMeters)).toEqual([
      0,
      metres(PLACES.jiefangbei, PLACES.nanping),
      metres(PLACES.jiefangbei, PLACES.nanping),
      metres(PLACES.jiefangbei, PLACES.guanyinqiao),
    ]);
    expect(items[1]).toMatchObject({
      seatsLeft: 2,
      district: '南岸区',
      leader: { nickname: '解**货', avatarUrl: 'https://img/l1.png' },
    });
    expect(items[2]).toMatchObject({ seatsLeft: 2, leader: { nickname: '张*', avatarUrl: '' } });
    // A leader without a user document reads as WeChat's placeholder.
    expect(items[0]).toMatchObject({
      groupId: opened,
      activityId: fx.activityId,
      title: '老火锅底料 拼团',
      spec: '400g',
      image: 'cloud://test/p.jpg',
      groupPrice: 2990,
      soloPrice: 3990,
      size: 3,
      seatsLeft: 2,
      district: '渝中区',
      leader: { nickname: '微信用户', avatarUrl: '' },
    });
    // No openid ever leaves the server; reading changed nothing.
    expect(JSON.stringify(items)).not.toMatch(/o-disc|o-x|o-a/);
    expect(await platform.find('users')).toEqual(before);

    const wide = data(
      await call<{ items: Card[] }>('listGroups', me, {
        by: 'near',
        location: at(PLACES.jiefangbei),
        radiusMeters: 20_000,
        limit: 20,
      }),
    );
    expect(wide.items.map((c) => c.groupId).at(-1)).toBe('G-disc-sanxia');
    expect(wide.items).toHaveLength(5);
    const two = data(
      await call<{ items: Card[] }>('listGroups', me, { by: 'near', location: at(PLACES.jiefangbei), limit: 2 }),
    );
    expect(two.items.map((c) => c.groupId)).toEqual([opened, 'G-disc-nanping']);
    // Someone else sees the groups `me` opened or joined.
    const other = data(
      await call<{ items: Card[] }>('listGroups', 'o-disc-other', { by: 'near', location: at(PLACES.nanping) }),
    );
    expect(
      other.items
        .map((c) => c.groupId)
        .slice(0, 4)
        .sort(),
    ).toEqual(['G-disc-joined', 'G-disc-mine', 'G-disc-nanping', 'G-disc-nanping-2'].sort());
  });

  it('puts the 社区团 at the nearest pickup points first, each card with its point and distance', async () => {
    const yjp = PLACES.yangjiaping;
    const east = (metresEast: number) => ({
      type: 'Point',
      coordinates: [yjp.location.coordinates[0] + metresEast / 96_800, yjp.location.coordinates[1]],
    });
    const g = (id: string, o: Record<string, unknown>) => groupDoc(fx, id, 'o-disc-l1', { district: '九龙坡区', ...o });
    await platform.insert('groups', [
      g('G-comm-far', { location: east(600), pickupPoint: { pickupPointId: 'pp-xjw', name: '谢家湾驿站' } }),
      g('G-plain-mid', { location: east(300) }),
      g('G-comm-near', { location: yjp.location, pickupPoint: { pickupPointId: 'pp-yjp', name: '杨家坪社区店' } }),
    ]);
    const { result, trips } = await countingRoundTrips(() =>
      call<{ items: Card[] }>('listGroups', me, { by: 'near', location: at(yjp), radiusMeters: 1000 }),
    );
    expect(trips).toBeLessThanOrEqual(2);
    const { items } = data(result);
    expect(items.map((c) => [c.groupId, c.pickupPoint?.name, c.distanceMeters])).toEqual([
      ['G-comm-near', '杨家坪社区店', 0],
      ['G-plain-mid', undefined, metres(yjp, { location: east(300) })],
      ['G-comm-far', '谢家湾驿站', metres(yjp, { location: east(600) })],
    ]);
    expect(items[0]?.pickupPoint).toEqual({ pickupPointId: 'pp-yjp', name: '杨家坪社区店' });
    // Out of the other tests' way.
    await platform.update(
      'groups',
      { _id: { $in: ['G-comm-far', 'G-plain-mid', 'G-comm-near'] } },
      { $set: { status: 'failed' } },
    );
  });

  it('lists a district’s joinable groups, soonest deadline first', async () => {
    const { result, trips } = await countingRoundTrips(() =>
      call<{ items: Card[] }>('listGroups', me, { by: 'district', district: '南岸区' }),
    );
    console.log(`listGroups district: ${trips} database round trips`);
    expect(trips).toBeLessThanOrEqual(2);
    const { items } = data(result);
    expect(items.map((c) => c.groupId)).toEqual(['G-disc-nanping-2', 'G-disc-nanping', 'G-disc-nowhere']);
    expect(items.every((c) => c.distanceMeters === undefined)).toBe(true);
    expect(data(await call<{ items: Card[] }>('listGroups', me, { by: 'district', district: '北碚区' }))).toEqual({
      items: [],
    });
  });

  it('lists the forming groups of whoever shared the card, found by their ref', async () => {
    const leader = data(await call<{ ref: string }>('login', 'o-disc-l2', {}));
    const { result, trips } = await countingRoundTrips(() =>
      call<{ items: Card[] }>('listGroups', me, { by: 'leader', ref: leader.ref }),
    );
    console.log(`listGroups leader: ${trips} database round trips`);
    expect(trips).toBeLessThanOrEqual(2);
    const { items } = data(result);
    // G-disc-joined is o-disc-l2's too, but `me` holds a seat in it already.
    expect(items.map((c) => c.groupId)).toEqual(['G-disc-nanping-2', 'G-disc-nowhere', 'G-disc-guanyinqiao']);
    expect(items.every((c) => c.leader.nickname === '张*')).toBe(true);
    const stranger = data(
      await call<{ items: Card[] }>('listGroups', 'o-disc-other', { by: 'leader', ref: leader.ref }),
    );
    expect(stranger.items.map((c) => c.groupId)).toContain('G-disc-joined');
    expect(data(await call<{ items: Card[] }>('listGroups', me, { by: 'leader', ref: 'zzzzzzzz' }))).toEqual({
      items: [],
    });
  });

  it('refuses bad input with INVALID_ARGUMENT', async () => {
    const here = at(PLACES.jiefangbei);
    const bad = [
      {},
      { by: 'everywhere' },
      { by: 'near' },
      { by: 'near', location: { latitude: 91, longitude: 106.5 } },
      { by: 'near', location: { latitude: '29.5', longitude: 106.5 } },
      { by: 'near', location: here, radiusMeters: 50 },
      { by: 'near', location: here, radiusMeters: 50_001 },
      { by: 'near', location: here, limit: 21 },
      { by: 'district', district: '火星区' },
      { by: 'leader', ref: 'ABCDEFGH' },
      { by: 'leader', ref: 'abc' },
      { by: 'leader' },
    ];
    for (const body of bad)
      expect(refusal(await call('listGroups', me, body)), JSON.stringify(body)).toBe('INVALID_ARGUMENT');
    expect(refusal(await call('listGroups', undefined, { by: 'district', district: '南岸区' }))).toBe(
      'UNAUTHENTICATED',
    );
  });
});
