/**
 * Object mothers for the group-buy tests: a merchant's SKU with stock, an activity on it, a pickup
 * point, written straight into the emulator's database. Each call makes fresh ids so tests don't collide.
 */
let sequence = 0;

const HOUR = 3_600_000;

export interface CatalogFixture {
  readonly skuId: string;
  readonly productId: string;
  readonly activityId: string;
  readonly pickupPointId: string;
}

export interface CatalogOptions {
  readonly stock?: number;
  readonly stockMode?: 'shared' | 'dedicated';
  readonly pool?: number;
  readonly groupSize?: number;
  readonly groupPrice?: number;
  readonly soloPrice?: number;
  readonly leaderPrice?: number;
  readonly perOrderLimit?: number;
  readonly perUserLimit?: number;
  readonly newCustomerOnly?: boolean;
  readonly scope?: Record<string, unknown>;
  readonly startAt?: number;
  readonly endAt?: number;
  readonly validityHours?: number;
}

type Insert = (collection: string, docs: readonly Record<string, unknown>[]) => Promise<void>;

/** Pickup at 解放碑 (渝中区). */
export const JIEFANGBEI = { type: 'Point', coordinates: [106.5775, 29.5577] };

export async function seedCatalog(insert: Insert, options: CatalogOptions = {}): Promise<CatalogFixture> {
  const n = ++sequence;
  const now = Date.now();
  const ids = {
    skuId: `s-test-${n}`,
    productId: `p-test-${n}`,
    activityId: `a-test-${n}`,
    pickupPointId: `pp-test-${n}`,
  };
  const stockMode = options.stockMode ?? 'shared';
  const pool = options.pool ?? 0;
  await insert('merchants', [
    { _id: `m-test-${n}`, name: '测试商户', district: '渝中区', phone: '023-0000000', createdAt: now },
  ]);
  await insert('products', [
    {
      _id: ids.productId,
      merchantId: `m-test-${n}`,
      title: '重庆老火锅底料',
      subtitle: '',
      category: '火锅底料',
      origin: '渝中区',
      images: ['cloud://test/p.jpg'],
      status: 'on_sale',
      createdAt: now,
    },
  ]);
  await insert('skus', [
    {
      _id: ids.skuId,
      productId: ids.productId,
      merchantId: `m-test-${n}`,
      spec: '400g',
      price: options.soloPrice ?? 3990,
      stock: {
        available: options.stock ?? 100,
        reserved: 0,
        sold: 0,
        allocated: stockMode === 'dedicated' ? pool : 0,
        holds: {},
      },
      createdAt: now,
    },
  ]);
  await insert('activities', [
    {
      _id: ids.activityId,
      merchantId: `m-test-${n}`,
      productId: ids.productId,
      skuId: ids.skuId,
      title: '老火锅底料 拼团',
      status: 'active',
      groupPrice: options.groupPrice ?? 2990,
      soloPrice: options.soloPrice ?? 3990,
      ...(options.leaderPrice ? { leaderPrice: options.leaderPrice } : {}),
      groupSize: options.groupSize ?? 3,
      validityHours: options.validityHours ?? 24,
      startAt: options.startAt ?? now - HOUR,
      endAt: options.endAt ?? now + 24 * HOUR,
      perOrderLimit: options.perOrderLimit ?? 3,
      perUserLimit: options.perUserLimit ?? 6,
      stockMode,
      ...(stockMode === 'dedicated' ? { pool: { available: pool, reserved: 0, sold: 0, holds: {} } } : {}),
      newCustomerOnly: options.newCustomerOnly ?? false,
      ...(options.scope ? { scope: options.scope } : {}),
      createdAt: now,
    },
  ]);
  await insert('pickup_points', [
    {
      _id: ids.pickupPointId,
      name: '解放碑便民驿站',
      district: '渝中区',
      address: '渝中区民权路 28 号',
      location: JIEFANGBEI,
      openHours: '09:00-21:00',
    },
  ]);
  return ids;
}

/** A delivery to the fixture's pickup point. */
export const pickupAt = (fixture: CatalogFixture) => ({
  kind: 'pickup' as const,
  pickupPointId: fixture.pickupPointId,
});

export interface Stock {
  available: number;
  reserved: number;
  sold: number;
}
