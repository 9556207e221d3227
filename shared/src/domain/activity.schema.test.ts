import { describe, expect, it } from 'vitest';
import { activityRulesSchema, activitySchema } from './activity.schema';

const rules = {
  groupPrice: 2990,
  soloPrice: 3990,
  groupSize: 3,
  validityHours: 24,
  startAt: 1_000,
  endAt: 2_000,
  perOrderLimit: 2,
  perUserLimit: 5,
  stockMode: 'shared' as const,
};

const issuesOf = (input: unknown) =>
  activityRulesSchema.safeParse(input).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

describe('activity rules', () => {
  it('accepts sound rules and defaults newCustomerOnly to false', () => {
    expect(activityRulesSchema.parse(rules)).toMatchObject({ newCustomerOnly: false });
  });

  it('requires the group price to be below the solo price, and the leader price not above it', () => {
    expect(issuesOf({ ...rules, groupPrice: 3990 })).toEqual(['groupPrice: 拼团价须低于单买价']);
    expect(issuesOf({ ...rules, leaderPrice: 3000 })).toEqual(['leaderPrice: 团长价须大于 0 且不高于拼团价']);
    expect(issuesOf({ ...rules, leaderPrice: 1990 })).toEqual([]);
  });

  it('bounds group size, validity, limits and the window', () => {
    expect(issuesOf({ ...rules, groupSize: 1 })).toHaveLength(1);
    expect(issuesOf({ ...rules, groupSize: 51 })).toHaveLength(1);
    expect(issuesOf({ ...rules, validityHours: 0 })).toHaveLength(1);
    expect(issuesOf({ ...rules, validityHours: 73 })).toHaveLength(1);
    expect(issuesOf({ ...rules, endAt: 1_000 })).toEqual(['endAt: 结束时间须晚于开始时间']);
    expect(issuesOf({ ...rules, perOrderLimit: 6 })).toEqual(['perOrderLimit: 每单限购不能超过每人限购']);
    expect(issuesOf({ ...rules, groupPrice: 29.9 })).toHaveLength(1);
  });

  it('accepts a districts or radius scope', () => {
    expect(issuesOf({ ...rules, scope: { kind: 'districts', districts: ['渝中区', '南岸区'] } })).toEqual([]);
    const radius = { kind: 'radius', center: { type: 'Point', coordinates: [106.58, 29.56] }, radiusMeters: 3000 };
    expect(issuesOf({ ...rules, scope: radius })).toEqual([]);
    expect(issuesOf({ ...rules, scope: { kind: 'districts', districts: ['朝阳区'] } })).toHaveLength(1);
  });

  it('says what is wrong with a field in Chinese, at the field', () => {
    expect(issuesOf({ ...rules, groupSize: 1 })).toEqual(['groupSize: 成团人数须在 2 到 50 人之间']);
    expect(issuesOf({ ...rules, validityHours: 73 })).toEqual(['validityHours: 成团时限须在 1 到 72 小时之间']);
    expect(issuesOf({ ...rules, perUserLimit: 1000 })).toEqual(['perUserLimit: 每人限购须在 1 到 999 件之间']);
    expect(issuesOf({ ...rules, groupPrice: 29.9 })).toEqual(['groupPrice: 拼团价须精确到分']);
    expect(issuesOf({ ...rules, soloPrice: 10_000_001 })).toEqual(['soloPrice: 单买价不能超过 ¥100000']);
    expect(issuesOf({ ...rules, groupPrice: 0 })).toEqual(['groupPrice: 拼团价须大于 0']);
    expect(issuesOf({ ...rules, leaderPrice: 0 })).toEqual(['leaderPrice: 团长价须大于 0 且不高于拼团价']);
    const { startAt: _, ...noStart } = rules;
    expect(issuesOf(noStart)).toEqual(['startAt: 请选择开始时间']);
    expect(issuesOf({ ...rules, scope: { kind: 'districts', districts: [] } })).toEqual([
      'scope.districts: 请至少选择一个区县',
    ]);
    for (const message of issuesOf({ ...rules, groupSize: 2.5, perOrderLimit: 0 }))
      expect(message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('wants a radius scope centred in Chongqing, 100 m to 100 km wide', () => {
    const radius = (coordinates: [number, number], radiusMeters = 3000) => ({
      ...rules,
      scope: { kind: 'radius', center: { type: 'Point', coordinates }, radiusMeters },
    });
    expect(issuesOf(radius([106.58, 29.56]))).toEqual([]);
    // Latitude and longitude swapped, or a point in Beijing.
    const outside = ['scope.center: 中心点须在重庆市内（经度 105.2–110.2，纬度 28.1–32.2）'];
    expect(issuesOf(radius([29.56, 106.58]))).toEqual(outside);
    expect(issuesOf(radius([116.4, 39.9]))).toEqual(outside);
    expect(issuesOf(radius([106.58, 29.56], 99))).toEqual(['scope.radiusMeters: 半径须在 100 米到 100 公里之间']);
    expect(issuesOf(radius([106.58, 29.56], 100_001))).toHaveLength(1);
  });

  it('takes a platform guarantee only when it asks for fewer paid seats than a full group', () => {
    expect(issuesOf({ ...rules, guarantee: { minPaidShare: 0.6 } })).toEqual([]);
    expect(activityRulesSchema.parse(rules).guarantee).toBeUndefined();
    // 3 seats × 0.7 → 3 paid seats: the group would fill anyway.
    expect(issuesOf({ ...rules, guarantee: { minPaidShare: 0.7 } })).toEqual([
      'guarantee: 成团保障比例过高：3 人团按此比例须全员付款，保障不起作用',
    ]);
    expect(issuesOf({ ...rules, guarantee: { minPaidShare: 0 } })).toEqual([
      'guarantee.minPaidShare: 成团保障比例须在 1% 到 99% 之间',
    ]);
    expect(issuesOf({ ...rules, guarantee: { minPaidShare: 0.555 } })).toEqual([
      'guarantee.minPaidShare: 成团保障比例须为整数百分比',
    ]);
  });

  it('gives a dedicated activity a pool and a shared one none', () => {
    const base = {
      _id: 'a1',
      merchantId: 'm1',
      productId: 'p1',
      skuId: 's1',
      title: '火锅底料 3 人团',
      status: 'active',
      createdAt: 1,
    };
    const pool = { available: 20, reserved: 0, sold: 0 };
    expect(activitySchema.safeParse({ ...base, ...rules, stockMode: 'dedicated', pool }).success).toBe(true);
    expect(activitySchema.safeParse({ ...base, ...rules, stockMode: 'dedicated' }).success).toBe(false);
    expect(activitySchema.safeParse({ ...base, ...rules, pool }).success).toBe(false);
  });
});
