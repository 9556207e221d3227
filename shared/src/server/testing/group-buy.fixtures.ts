/**
 * Object mothers for the group-buy tests: a merchant's SKU with stock, an activity on it, a pickup
 * point, written straight into the emulator's database. Each call makes fresh ids so tests don't collide.
 */
import type { GeoPoint } from '../../domain/common.schema';
import { distanceMeters } from '../../domain/scope';

let sequence = 0;

export const HOUR = 3_600_000;

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
  /** 社区团: the activity takes pickup at the fixture's own point only. */
  readonly communityPoint?: boolean;
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
      ...(options.communityPoint ? { scope: { kind: 'pickup_point', pickupPointId: ids.pickupPointId } } : {}),
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

/** An express delivery in 渝中区 (no pickup point). */
export const EXPRESS_DELIVERY = {
  kind: 'address',
  name: '王先生',
  phone: '13800000000',
  district: '渝中区',
  detail: '民权路 1 号',
} as const;

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

/** Pickup points at real Chongqing places (the demo seed's), for geo tests. */
export const PLACES = {
  jiefangbei: { district: '渝中区', location: JIEFANGBEI },
  nanping: { district: '南岸区', location: { type: 'Point', coordinates: [106.5615, 29.526] } },
  guanyinqiao: { district: '江北区', location: { type: 'Point', coordinates: [106.5325, 29.5749] } },
  yangjiaping: { district: '九龙坡区', location: { type: 'Point', coordinates: [106.5112, 29.506] } },
  sanxia: { district: '沙坪坝区', location: { type: 'Point', coordinates: [106.4566, 29.5561] } },
} as const;

/** A place's coordinates, as the mini-program sends the shopper's location. */
export const at = (place: { location: { coordinates: readonly number[] } }) => {
  const [longitude = 0, latitude = 0] = place.location.coordinates;
  return { longitude, latitude };
};

/** The distance between two places, in whole metres, as the listings report it. */
export const metres = (a: { location: unknown }, b: { location: unknown }) =>
  Math.round(distanceMeters(a.location as GeoPoint, b.location as GeoPoint));

/**
 * A forming group of the fixture's activity, opened and paid by `leader`, as the write functions leave
 * it (for tests that need many groups in given places and states; override any field).
 */
export function groupDoc(
  fixture: CatalogFixture,
  id: string,
  leader: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const now = Date.now();
  return {
    _id: id,
    activityId: fixture.activityId,
    skuId: fixture.skuId,
    productId: fixture.productId,
    merchantId: 'm-test',
    title: '老火锅底料 拼团',
    status: 'forming',
    size: 3,
    leaderOpenid: leader,
    memberOpenids: [leader],
    paidOpenids: [leader],
    seatsTaken: 1,
    seatsPaid: 1,
    seatsToPay: 2,
    groupPrice: 2990,
    soloPrice: 3990,
    spec: '400g',
    image: 'cloud://test/p.jpg',
    perOrderLimit: 3,
    perUserLimit: 6,
    stockMode: 'shared',
    newCustomerOnly: false,
    ...PLACES.jiefangbei,
    openedAt: now - HOUR,
    formedAt: now - HOUR,
    deadlineAt: now + 23 * HOUR,
    outbox: [],
    updatedAt: now - HOUR,
    ...overrides,
  };
}
