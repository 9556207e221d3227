import { describe, expect, it } from 'vitest';
import { activitySchema } from '../../shared/src/domain/activity.schema';
import { merchantSchema, pickupPointSchema, productSchema, skuSchema } from '../../shared/src/domain/catalog.schema';
import { newPasswordSchema } from '../../shared/src/contracts/admin/staff.schema';
import { distanceMeters, isInScope } from '../../shared/src/domain/scope';
import { staffAccountSchema } from '../../shared/src/domain/staff.schema';
import { userSchema } from '../../shared/src/domain/user.schema';
import { verifyPassword } from '../../shared/src/server/runtime/secrets';
import {
  chongqingSeed,
  DEMO_GROUPS,
  DEMO_LEADERS,
  DEMO_SHOPPER_OPENID,
  DEMO_STAFF,
  demoStaffAccounts,
} from './chongqing';

const schemas = {
  merchants: merchantSchema,
  products: productSchema,
  skus: skuSchema,
  activities: activitySchema,
  pickup_points: pickupPointSchema,
  users: userSchema,
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

  it('has demo leaders with fixed share refs, and demo groups for them to open in scope, near the demo shopper', () => {
    const users = new Map((seed.users ?? []).map((u) => [u._id, userSchema.parse(u)]));
    expect(users.get(DEMO_SHOPPER_OPENID)).toBeDefined();
    for (const leader of DEMO_LEADERS) {
      expect(users.get(leader.openid)).toMatchObject({ ref: leader.ref, roles: ['shopper', 'leader'] });
    }
    expect(new Set(DEMO_LEADERS.map((l) => l.ref)).size).toBe(DEMO_LEADERS.length);
    expect(new Set(DEMO_GROUPS.map((g) => g.leader.openid))).toEqual(new Set(DEMO_LEADERS.map((l) => l.openid)));
    const point = (id: string) => seed.pickup_points?.find((p) => p._id === id);
    for (const group of DEMO_GROUPS) {
      const activity = activitySchema.parse(seed.activities?.find((a) => a._id === group.activityId));
      const pickup = point(group.pickupPointId);
      expect(pickup, group.pickupPointId).toBeDefined();
      expect(
        isInScope(activity.scope, { district: pickup?.district as never, location: pickup?.location as never }),
      ).toBe(true);
    }
    const jiefangbei = point('pp-jiefangbei')?.location as never;
    const near = DEMO_GROUPS.filter(
      (g) => distanceMeters(jiefangbei, point(g.pickupPointId)?.location as never) <= 5000,
    );
    expect(near.length).toBeGreaterThan(1);
  });

  it('has demo staff: one ops, one merchant per seeded merchant, one service, with passwords that work', async () => {
    const staff = await demoStaffAccounts(now);
    for (const doc of staff) {
      const parsed = staffAccountSchema.safeParse(doc);
      expect(parsed.error?.issues ?? [], `staff/${doc._id}`).toEqual([]);
    }
    expect(staff.filter((s) => s.role === 'ops')).toHaveLength(1);
    expect(staff.filter((s) => s.role === 'service')).toHaveLength(1);
    expect(staff.filter((s) => s.role === 'merchant').map((s) => s.merchantId)).toEqual(
      (seed.merchants ?? []).map((m) => m._id),
    );
    expect(new Set(staff.map((s) => s.account)).size).toBe(staff.length);
    for (const member of DEMO_STAFF) {
      expect(newPasswordSchema.safeParse(member.password).success, member.account).toBe(true);
      const doc = staff.find((s) => s.account === member.account);
      expect(await verifyPassword(member.password, doc?.passwordHash as string)).toBe(true);
    }
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
