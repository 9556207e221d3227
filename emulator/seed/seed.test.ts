import { describe, expect, it } from 'vitest';
import { activitySchema } from '../../shared/src/domain/activity.schema';
import { merchantSchema, pickupPointSchema, productSchema, skuSchema } from '../../shared/src/domain/catalog.schema';
import { userSchema } from '../../shared/src/domain/user.schema';
import { chongqingSeed } from './chongqing';

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
});
