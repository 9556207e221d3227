/**
 * Discovery end to end: listGroups (near / district / leader) and listPickupPoints, bundled, in the
 * emulator's runner with the real wx-server-sdk, over groups written by openGroup and by hand at real
 * Chongqing places. Database round trips are counted by the emulator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from '../../../../testing/platform';
import { distanceMeters } from '../../domain/scope';
import type { GeoPoint } from '../../domain/common.schema';
import { type CatalogFixture, groupDoc, PLACES, pickupAt, seedCatalog } from '../testing/group-buy.fixtures';
import { data, type Envelope, refusal } from '../testing/envelopes';

let platform: Platform;
const actions: string[] = [];

beforeAll(async () => {
  platform = await startPlatform({ onRequest: (record) => actions.push(record.action) });
});
afterAll(async () => {
  await platform.stop();
});

type Card = {
  groupId: string;
  seatsLeft: number;
  district: string;
  distanceMeters?: number;
  leader: { nickname: string; avatarUrl: string };
  deadlineAt: number;
};
type PointCard = { pickupPointId: string; name: string; district: string; distanceMeters?: number };

const call = async <T>(name: string, openid: string | undefined, body: unknown) =>
  (await platform.call<Envelope<T>>(name, openid, body)).body;

async function countingRoundTrips<T>(fn: () => Promise<T>): Promise<{ result: T; trips: number }> {
  await platform.settle();
  const start = actions.length;
  const result = await fn();
  return { result, trips: actions.slice(start).filter((a) => a.startsWith('database.')).length };
}

const HOUR = 3_600_000;
const at = (place: { location: { coordinates: readonly number[] } }) => {
  const [longitude = 0, latitude = 0] = place.location.coordinates;
  return { longitude, latitude };
};
const withoutLocation = ({ location: _location, ...doc }: Record<string, unknown>) => doc;
const metres = (a: { location: unknown }, b: { location: unknown }) =>
  Math.round(distanceMeters(a.location as GeoPoint, b.location as GeoPoint));

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
    const open = data(
      await call<{ groupId: string; orderId: string }>('openGroup', 'o-disc-real', {
        activityId: fx.activityId,
        quantity: 1,
        delivery: pickupAt(fx),
      }),
    );
    await platform.pay(open.orderId);
    await platform.settle();
    opened = open.groupId;
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

describe('listPickupPoints', () => {
  beforeAll(async () => {
    platform.emulator.reset();
    const point = (id: string, name: string, place: (typeof PLACES)[keyof typeof PLACES]) => ({
      _id: id,
      name,
      address: `${place.district}某路 1 号`,
      ...place,
      openHours: '09:00-21:00',
    });
    await platform.insert('pickup_points', [
      point('pp-sanxia', '三峡广场便利店', PLACES.sanxia),
      point('pp-nanping-b', '南坪菜鸟驿站', PLACES.nanping),
      point('pp-jiefangbei', '解放碑便民驿站', PLACES.jiefangbei),
      point('pp-guanyinqiao', '观音桥社区团购点', PLACES.guanyinqiao),
      point('pp-nanping-a', '南坪东路驿站', {
        district: '南岸区',
        location: { type: 'Point', coordinates: [106.565, 29.528] },
      } as never),
    ]);
  });

  it('lists points nearest first from a location, else by district then name', async () => {
    const { result, trips } = await countingRoundTrips(() =>
      call<{ items: PointCard[] }>('listPickupPoints', 'o-pp', { location: at(PLACES.nanping) }),
    );
    console.log(`listPickupPoints near: ${trips} database round trips`);
    expect(trips).toBe(1);
    const { items } = data(result);
    expect(items.map((p) => p.pickupPointId)).toEqual([
      'pp-nanping-b',
      'pp-nanping-a',
      'pp-jiefangbei',
      'pp-guanyinqiao',
      'pp-sanxia',
    ]);
    expect(items[0]).toEqual({
      pickupPointId: 'pp-nanping-b',
      name: '南坪菜鸟驿站',
      address: '南岸区某路 1 号',
      district: '南岸区',
      distanceMeters: 0,
    });
    expect(items[2]?.distanceMeters).toBe(metres(PLACES.nanping, PLACES.jiefangbei));

    const inNanan = data(await call<{ items: PointCard[] }>('listPickupPoints', 'o-pp', { district: '南岸区' }));
    expect(inNanan.items.map((p) => p.pickupPointId).sort()).toEqual(['pp-nanping-a', 'pp-nanping-b']);
    expect(inNanan.items.every((p) => p.distanceMeters === undefined)).toBe(true);
    const both = data(
      await call<{ items: PointCard[] }>('listPickupPoints', 'o-pp', {
        district: '南岸区',
        location: { longitude: 106.566, latitude: 29.5285 },
      }),
    );
    expect(both.items.map((p) => p.pickupPointId)).toEqual(['pp-nanping-a', 'pp-nanping-b']);

    const all = data(await call<{ items: PointCard[] }>('listPickupPoints', 'o-pp', {}));
    const expected = [...all.items].sort((a, b) =>
      a.district === b.district ? (a.name < b.name ? -1 : 1) : a.district < b.district ? -1 : 1,
    );
    expect(all.items).toEqual(expected);
    expect(all.items).toHaveLength(5);
  });

  it('returns at most 50', async () => {
    await platform.insert(
      'pickup_points',
      Array.from({ length: 55 }, (_, i) => ({
        _id: `pp-many-${i}`,
        name: `北碚驿站 ${String(i).padStart(2, '0')}`,
        district: '北碚区',
        address: '北碚区天生路',
        location: { type: 'Point', coordinates: [106.4 + i / 1000, 29.8] },
        openHours: '',
      })),
    );
    const items = (district?: string) =>
      call<{ items: PointCard[] }>('listPickupPoints', 'o-pp', district ? { district } : {}).then((r) => data(r).items);
    expect(await items('北碚区')).toHaveLength(50);
    expect((await items('北碚区'))[0]?.name).toBe('北碚驿站 00');
    const near = data(
      await call<{ items: PointCard[] }>('listPickupPoints', 'o-pp', {
        location: { longitude: 106.4, latitude: 29.8 },
      }),
    );
    expect(near.items).toHaveLength(50);
    expect(near.items[0]?.pickupPointId).toBe('pp-many-0');
  });

  it('refuses bad input with INVALID_ARGUMENT', async () => {
    for (const body of [
      { district: '火星区' },
      { location: { latitude: 29.5 } },
      { location: { latitude: 29.5, longitude: 181 } },
      { location: 'here' },
    ]) {
      expect(refusal(await call('listPickupPoints', 'o-pp', body)), JSON.stringify(body)).toBe('INVALID_ARGUMENT');
    }
  });
});
