import { describe, expect, it } from 'vitest';
import { activitySchema } from '../../shared/src/domain/activity.schema';
import { merchantSchema, pickupPointSchema, productSchema, skuSchema } from '../../shared/src/domain/catalog.schema';
import { groupSchema } from '../../shared/src/domain/group.schema';
import { orderSchema } from '../../shared/src/domain/order.schema';
import { distanceMeters, isInScope } from '../../shared/src/domain/scope';
import { type User, userSchema } from '../../shared/src/domain/user.schema';
import { chongqingSeed, DEMO_LEADERS, DEMO_SHOPPER_OPENID } from './chongqing';

const schemas = {
  merchants: merchantSchema,
  products: productSchema,
  skus: skuSchema,
  activities: activitySchema,
  pickup_points: pickupPointSchema,
  users: userSchema,
  groups: groupSchema,
  orders: orderSchema,
};

describe('the Chongqing demo seed', () => {
  const now = Date.UTC(2026, 10, 25, 4, 0);
  const seed = chongqingSeed(now);

  it('holds only documents the domain accepts', () => {
    expect(Object.keys(seed).sort()).toEqual(Object.keys(schemas).sort());
    for (const [collection, docs] of Object.entries(seed)) {
      const schema = schemas[collection as keyof typeof schemas];
      for (const doc of docs) {
        const parsed = schema.safeParse(doc);
        expect(parsed.error?.issues ?? [], `${collection}/${doc._id}`).toEqual([]);
      }
    }
  });

  it('links every activity to its product, SKU and merchant, with live windows', () => {
    const ids = (name: string) => new Set(seed[name]?.map((d) => d._id));
    for (const a of seed.activities ?? []) {
      expect(ids('skus').has(a.skuId as string)).toBe(true);
      expect(ids('products').has(a.productId as string)).toBe(true);
      expect(ids('merchants').has(a.merchantId as string)).toBe(true);
      expect(a.startAt as number).toBeLessThan(now);
      expect(a.endAt as number).toBeGreaterThan(now);
    }
  });

  it('carves each dedicated pool out of its SKU stock', () => {
    for (const a of (seed.activities ?? []).filter((x) => x.stockMode === 'dedicated')) {
      const sku = seed.skus?.find((s) => s._id === a.skuId) as unknown as { stock: { allocated: number } };
      const pool = a.pool as { available: number };
      expect(sku.stock.allocated).toBeGreaterThanOrEqual(pool.available);
    }
  });

  it('puts pickup points in the six main districts, inside Chongqing', () => {
    const districts = new Set(seed.pickup_points?.map((p) => p.district));
    expect(districts).toEqual(new Set(['渝中区', '江北区', '南岸区', '沙坪坝区', '九龙坡区', '渝北区']));
    for (const p of seed.pickup_points ?? []) {
      const [lng, lat] = (p.location as { coordinates: [number, number] }).coordinates;
      expect(lng).toBeGreaterThan(106.2);
      expect(lng).toBeLessThan(106.8);
      expect(lat).toBeGreaterThan(29.3);
      expect(lat).toBeLessThan(29.8);
    }
  });

  it('has an ops admin', () => {
    expect(seed.users?.some((u) => (u.roles as string[]).includes('ops'))).toBe(true);
  });

  it('has forming groups by demo leaders near the demo shopper, each backed by its leader’s paid order', () => {
    const groups = (seed.groups ?? []).map((g) => groupSchema.parse(g));
    const orders = (seed.orders ?? []).map((o) => orderSchema.parse(o));
    const users = new Map((seed.users ?? []).map((u) => [u._id, userSchema.parse(u) as User]));
    const jiefangbei = seed.pickup_points?.find((p) => p._id === 'pp-jiefangbei')?.location as never;
    expect(groups.filter((g) => distanceMeters(jiefangbei, g.location as never) <= 5000).length).toBeGreaterThan(1);
    expect(users.get(DEMO_SHOPPER_OPENID)).toBeDefined();
    for (const group of groups) {
      const leader = users.get(group.leaderOpenid);
      const order = orders.find((o) => o.groupId === group._id);
      const activity = seed.activities?.find((a) => a._id === group.activityId);
      const raw = seed.groups?.find((g) => g._id === group._id);
      expect(group).toMatchObject({
        status: 'forming',
        seatsTaken: 1,
        seatsPaid: 1,
        paidOpenids: [group.leaderOpenid],
      });
      expect(raw?.seatsToPay).toBe(group.size - 1);
      expect(group.openedAt).toBeLessThan(now);
      expect(group.deadlineAt).toBeGreaterThan(now);
      expect(group.size).toBe(activity?.groupSize);
      expect(leader?.ref).toMatch(/^[0-9a-z]{8}$/);
      expect(leader?.roles).toContain('leader');
      expect(order).toMatchObject({ openid: group.leaderOpenid, role: 'leader', status: 'awaiting_group' });
      expect(leader?.quotaHolds[order?._id ?? '']).toEqual({ activityId: group.activityId, quantity: 1 });
      expect(isInScope(group.scope, { district: group.district, location: group.location })).toBe(true);
      const stock =
        order?.stock.kind === 'pool'
          ? (activity?.pool as { holds: Record<string, number> })
          : (seed.skus?.find((k) => k._id === order?.skuId)?.stock as { holds: Record<string, number> });
      expect(stock.holds[order?._id ?? '']).toBe(1);
    }
    expect(new Set(groups.map((g) => g.leaderOpenid))).toEqual(new Set(DEMO_LEADERS.map((l) => l.openid)));
    expect(new Set(DEMO_LEADERS.map((l) => l.ref)).size).toBe(DEMO_LEADERS.length);
  });

  it('conserves stock: every reserved unit is held by an order', () => {
    const counters = [
      ...(seed.skus ?? []).map((s) => s.stock),
      ...(seed.activities ?? []).map((a) => a.pool).filter(Boolean),
    ] as { available: number; reserved: number; holds?: Record<string, number> }[];
    for (const c of counters) {
      expect(c.available).toBeGreaterThanOrEqual(0);
      expect(c.reserved).toBe(Object.values(c.holds ?? {}).reduce((sum, n) => sum + n, 0));
    }
  });
});
