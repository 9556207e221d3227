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
    expect(issuesOf({ ...rules, groupPrice: 3990 })).toEqual(['groupPrice: group price must be below the solo price']);
    expect(issuesOf({ ...rules, leaderPrice: 3000 })).toEqual([
      'leaderPrice: leader price must be positive and not above the group price',
    ]);
    expect(issuesOf({ ...rules, leaderPrice: 1990 })).toEqual([]);
  });

  it('bounds group size, validity, limits and the window', () => {
    expect(issuesOf({ ...rules, groupSize: 1 })).toHaveLength(1);
    expect(issuesOf({ ...rules, groupSize: 51 })).toHaveLength(1);
    expect(issuesOf({ ...rules, validityHours: 0 })).toHaveLength(1);
    expect(issuesOf({ ...rules, validityHours: 73 })).toHaveLength(1);
    expect(issuesOf({ ...rules, endAt: 1_000 })).toEqual(['endAt: the activity must end after it starts']);
    expect(issuesOf({ ...rules, perOrderLimit: 6 })).toEqual([
      'perOrderLimit: per-order limit exceeds the per-user limit',
    ]);
    expect(issuesOf({ ...rules, groupPrice: 29.9 })).toHaveLength(1);
  });

  it('accepts a districts or radius scope', () => {
    expect(issuesOf({ ...rules, scope: { kind: 'districts', districts: ['渝中区', '南岸区'] } })).toEqual([]);
    const radius = { kind: 'radius', center: { type: 'Point', coordinates: [106.58, 29.56] }, radiusMeters: 3000 };
    expect(issuesOf({ ...rules, scope: radius })).toEqual([]);
    expect(issuesOf({ ...rules, scope: { kind: 'districts', districts: ['朝阳区'] } })).toHaveLength(1);
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
