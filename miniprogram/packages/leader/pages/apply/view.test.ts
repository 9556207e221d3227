import { failure, success } from '@shared/client';
import { describe, expect, it } from 'vitest';
import {
  applyPointsLoaded,
  chosenLocation,
  initialLeaderForm,
  type LeaderForm,
  leaderApplyRequest,
  leaderFormView,
  MODE_OPTIONS,
  newRequestKey,
  pointOptions,
} from './view';

const cards = [
  {
    pickupPointId: 'pp-jiefangbei',
    name: '解放碑便民驿站',
    address: '渝中区民权路 28 号',
    district: '渝中区' as const,
    distanceMeters: 320,
  },
  { pickupPointId: 'pp-nanping', name: '南坪菜鸟驿站', address: '南岸区南坪西路 16 号', district: '南岸区' as const },
];
const points = pointOptions(cards);
const filled: LeaderForm = { ...initialLeaderForm(), name: ' 王姐 ', phone: '138 0000 0001', community: '解放碑社区' };
const KEY = 'la-test-key-0001';

describe('申请成为团长 view', () => {
  it('lists the points with their district and distance, and offers both ways', () => {
    expect(points).toEqual([
      { pickupPointId: 'pp-jiefangbei', label: '解放碑便民驿站 · 渝中区 · 320m' },
      { pickupPointId: 'pp-nanping', label: '南坪菜鸟驿站 · 南岸区' },
    ]);
    expect(MODE_OPTIONS.map((o) => o.label)).toEqual(['选择已有自提点', '登记自己的店铺为新自提点']);
    expect(applyPointsLoaded(success({ items: cards }))).toEqual({ state: 'ready', message: '', points });
    expect(applyPointsLoaded(failure('INTERNAL', '网络开小差了'))).toEqual({ state: 'error', message: '网络开小差了' });
  });

  it('shows the chosen way’s fields and what is picked', () => {
    expect(leaderFormView(initialLeaderForm(), points)).toEqual({
      showExisting: true,
      showShop: false,
      pointText: '请选择自提点',
      districtText: '请选择区县',
      locationText: '在地图上选择店铺位置',
      noPoints: false,
    });
    const shop = leaderFormView(
      {
        ...initialLeaderForm(),
        mode: 'new_shop',
        districtIndex: 0,
        shopLocation: { latitude: 29.5, longitude: 106.5 },
      },
      [],
    );
    expect(shop).toMatchObject({
      showExisting: false,
      showShop: true,
      districtText: '渝中区',
      locationText: '已在地图上选定',
      noPoints: true,
    });
    expect(leaderFormView({ ...initialLeaderForm(), pointIndex: 1 }, points).pointText).toBe('南坪菜鸟驿站 · 南岸区');
  });

  it('takes the shop’s place from the map, its address and district unless typed', () => {
    const chosen = { latitude: 29.5592, longitude: 106.5801, name: '王姐便利店', address: '重庆市渝中区民族路1号' };
    expect(chosenLocation(initialLeaderForm(), chosen)).toEqual({
      shopLocation: { latitude: 29.5592, longitude: 106.5801 },
      shopAddress: '重庆市渝中区民族路1号 王姐便利店',
      districtIndex: 0,
    });
    const typed = { ...initialLeaderForm(), shopAddress: '民族路 1 号', districtIndex: 2 };
    expect(chosenLocation(typed, chosen)).toEqual({
      shopLocation: { latitude: 29.5592, longitude: 106.5801 },
      shopAddress: '民族路 1 号',
    });
  });

  it('sends an existing point with the applicant, trimmed, under the form’s key', () => {
    expect(leaderApplyRequest({ ...filled, pointIndex: 0 }, points, KEY)).toEqual({
      name: '王姐',
      phone: '13800000001',
      community: '解放碑社区',
      point: { kind: 'existing', pickupPointId: 'pp-jiefangbei' },
      requestKey: KEY,
    });
  });

  it('sends a shop with its place as GeoJSON, longitude first', () => {
    const shop: LeaderForm = {
      ...filled,
      mode: 'new_shop',
      shopName: '王姐便利店',
      shopAddress: '民族路 1 号',
      districtIndex: 0,
      shopLocation: { latitude: 29.5592, longitude: 106.5801 },
    };
    expect(leaderApplyRequest(shop, points, KEY)).toEqual({
      name: '王姐',
      phone: '13800000001',
      community: '解放碑社区',
      point: {
        kind: 'new_shop',
        shop: {
          name: '王姐便利店',
          address: '民族路 1 号',
          district: '渝中区',
          location: { type: 'Point', coordinates: [106.5801, 29.5592] },
        },
      },
      requestKey: KEY,
    });
    expect(leaderApplyRequest({ ...shop, shopLocation: { latitude: 39.9, longitude: 116.4 } }, points, KEY)).toEqual({
      error: '店铺位置须在重庆市内',
    });
    expect(leaderApplyRequest({ ...shop, shopLocation: null }, points, KEY)).toEqual({
      error: '请在地图上选择店铺位置',
    });
    expect(leaderApplyRequest({ ...shop, districtIndex: -1 }, points, KEY)).toEqual({ error: '请选择店铺所在区县' });
    expect(leaderApplyRequest({ ...shop, shopName: ' ' }, points, KEY)).toEqual({ error: '请填写店铺名称' });
    expect(leaderApplyRequest({ ...shop, shopAddress: '' }, points, KEY)).toEqual({ error: '请填写店铺地址' });
  });

  it('says what to fix first', () => {
    expect(leaderApplyRequest(initialLeaderForm(), points, KEY)).toEqual({ error: '请填写姓名' });
    expect(leaderApplyRequest({ ...filled, name: '王'.repeat(21) }, points, KEY)).toEqual({ error: '姓名最多20个字' });
    expect(leaderApplyRequest({ ...filled, phone: '12800000001' }, points, KEY)).toEqual({
      error: '请填写 11 位手机号',
    });
    expect(leaderApplyRequest({ ...filled, community: '' }, points, KEY)).toEqual({ error: '请填写所在社区' });
    expect(leaderApplyRequest(filled, points, KEY)).toEqual({ error: '请选择自提点' });
  });

  it('keys each form once, in the shape the server accepts', () => {
    const key = newRequestKey(1_700_000_000_000, () => 0.5);
    expect(key).toMatch(/^la-[a-z0-9]+-[a-z0-9]{12}$/);
    expect(key.length).toBeLessThanOrEqual(64);
  });
});
