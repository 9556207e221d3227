/**
 * listPickupPoints end to end: bundled, in the emulator's runner with the real wx-server-sdk, over pickup
 * points at real Chongqing places. Database round trips are counted by the emulator.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { PickupPointCard as PointCard } from '../../contracts/list-pickup-points.contract';
import { data, refusal } from '../testing/envelopes';
import { at, metres, PLACES } from '../testing/group-buy.fixtures';
import { caller } from '../testing/shopper';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();
const call = caller(platform);
const { countingRoundTrips } = platform;

describe('listPickupPoints', () => {
  beforeAll(async () => {
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

  it('never offers a deactivated point', async () => {
    await platform.insert('pickup_points', [
      {
        _id: 'pp-closed',
        name: '已关闭驿站',
        address: '南岸区某路 2 号',
        ...PLACES.nanping,
        openHours: '',
        status: 'inactive',
      },
    ]);
    const near = data(await call<{ items: PointCard[] }>('listPickupPoints', 'o-pp', { location: at(PLACES.nanping) }));
    const inDistrict = data(await call<{ items: PointCard[] }>('listPickupPoints', 'o-pp', { district: '南岸区' }));
    for (const { items } of [near, inDistrict]) {
      expect(items.map((p) => p.pickupPointId)).not.toContain('pp-closed');
      expect(items.map((p) => p.pickupPointId)).toContain('pp-nanping-b');
    }
    await platform.update('pickup_points', { _id: 'pp-closed' }, { $set: { status: 'active' } });
    const reopened = data(await call<{ items: PointCard[] }>('listPickupPoints', 'o-pp', { district: '南岸区' }));
    expect(reopened.items.map((p) => p.pickupPointId)).toContain('pp-closed');
    await platform.update('pickup_points', { _id: 'pp-closed' }, { $set: { status: 'inactive' } });
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
