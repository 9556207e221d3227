/**
 * The demo data `npm start` seeds: Chongqing merchants, their local products with SKUs, group activities,
 * pickup points at real coordinates in six districts, an ops admin, demo shoppers and 团长 (leaders), and the
 * console's demo staff accounts. Times are relative to `now` so a fresh seed always has live activities.
 * The demo groups (so 附近的团 has something to show) are not written here: `seed-demo.ts` opens each through
 * the real openGroup as its leader and pays it through the CloudPay sandbox, so they obey the rules real groups
 * do (a failing one is refunded). This is the only product knowledge the emulator has; `seed.test.ts` checks
 * every document against the shared domain schemas.
 */
import { hashPassword } from '../../shared/src/server/runtime/secrets';

const DAY = 24 * 60 * 60 * 1000;

export const OPS_ADMIN_OPENID = 'o-ops-admin';
export const DEMO_SHOPPER_OPENID = 'o-demo-shopper';

type Doc = Record<string, unknown> & { _id: string };

const image = (name: string) => `cloud://shancheng-local/products/${name}`;
const point = (longitude: number, latitude: number) => ({ type: 'Point', coordinates: [longitude, latitude] });
const stock = (available: number, allocated = 0) => ({ available, reserved: 0, sold: 0, allocated });

export function chongqingSeed(now: number): Record<string, Doc[]> {
  const merchants: Doc[] = [
    {
      _id: 'm-laomatou',
      name: '解放碑老码头火锅',
      district: '渝中区',
      phone: '023-63800001',
      createdAt: now - 90 * DAY,
    },
    {
      _id: 'm-fengjie',
      name: '奉节脐橙果园直供',
      district: '奉节县',
      phone: '023-56500002',
      createdAt: now - 60 * DAY,
    },
    { _id: 'm-jiangjin', name: '江津花椒合作社', district: '江津区', phone: '023-47500003', createdAt: now - 45 * DAY },
    { _id: 'm-ciqikou', name: '磁器口陈麻花', district: '沙坪坝区', phone: '023-65300004', createdAt: now - 30 * DAY },
  ];

  const product = (
    id: string,
    merchantId: string,
    title: string,
    category: string,
    origin: string,
    subtitle: string,
  ) => ({
    _id: id,
    merchantId,
    title,
    subtitle,
    category,
    origin,
    images: [image(`${id}-1.jpg`), image(`${id}-2.jpg`)],
    status: 'on_sale',
    createdAt: now - 20 * DAY,
  });
  const products: Doc[] = [
    product('p-hotpot-base', 'm-laomatou', '重庆老火锅牛油底料', '火锅底料', '渝中区', '手工炒制，麻辣鲜香'),
    product('p-navel-orange', 'm-fengjie', '奉节脐橙', '水果', '奉节县', '当季现摘，脆甜多汁'),
    product('p-green-pepper', 'm-jiangjin', '江津青花椒', '调味', '江津区', '九叶青，麻味足'),
    product('p-mahua', 'm-ciqikou', '磁器口陈麻花', '零食', '沙坪坝区', '古镇老味道'),
    product('p-hotpot-set', 'm-laomatou', '老码头双人火锅套餐', '套餐', '渝中区', '到店使用，含锅底与 8 道菜'),
  ];

  const sku = (
    id: string,
    productId: string,
    merchantId: string,
    spec: string,
    price: number,
    available: number,
    allocated = 0,
  ) => ({
    _id: id,
    productId,
    merchantId,
    spec,
    price,
    stock: stock(available, allocated),
    createdAt: now - 20 * DAY,
  });
  const skus: Doc[] = [
    sku('s-hotpot-base-400', 'p-hotpot-base', 'm-laomatou', '400g', 3990, 500),
    sku('s-hotpot-base-3x400', 'p-hotpot-base', 'm-laomatou', '400g×3 袋', 9900, 200),
    sku('s-orange-5jin', 'p-navel-orange', 'm-fengjie', '5 斤装', 4990, 300, 200),
    sku('s-orange-10jin', 'p-navel-orange', 'm-fengjie', '10 斤装', 8990, 150),
    sku('s-pepper-250', 'p-green-pepper', 'm-jiangjin', '250g', 2990, 400),
    sku('s-mahua-gift', 'p-mahua', 'm-ciqikou', '礼盒 6 种口味', 5990, 120, 20),
    sku('s-hotpot-set-2', 'p-hotpot-set', 'm-laomatou', '双人套餐', 19800, 80),
  ];

  const activity = (fields: Doc & Record<string, unknown>) => ({
    status: 'active',
    startAt: now - DAY,
    endAt: now + 14 * DAY,
    newCustomerOnly: false,
    createdAt: now - DAY,
    ...fields,
  });
  const activities: Doc[] = [
    activity({
      _id: 'a-hotpot-base-3',
      merchantId: 'm-laomatou',
      productId: 'p-hotpot-base',
      skuId: 's-hotpot-base-400',
      title: '老火锅底料 3 人团',
      groupPrice: 2990,
      soloPrice: 3990,
      leaderPrice: 2690,
      groupSize: 3,
      validityHours: 24,
      perOrderLimit: 3,
      perUserLimit: 6,
      stockMode: 'shared',
    }),
    activity({
      _id: 'a-orange-5',
      merchantId: 'm-fengjie',
      productId: 'p-navel-orange',
      skuId: 's-orange-5jin',
      title: '奉节脐橙 5 人团',
      groupPrice: 3690,
      soloPrice: 4990,
      groupSize: 5,
      validityHours: 48,
      perOrderLimit: 2,
      perUserLimit: 4,
      stockMode: 'dedicated',
      pool: { available: 200, reserved: 0, sold: 0 },
    }),
    activity({
      _id: 'a-pepper-2-new',
      merchantId: 'm-jiangjin',
      productId: 'p-green-pepper',
      skuId: 's-pepper-250',
      title: '江津青花椒 新人 2 人团',
      groupPrice: 1990,
      soloPrice: 2990,
      groupSize: 2,
      validityHours: 12,
      perOrderLimit: 1,
      perUserLimit: 1,
      stockMode: 'shared',
      newCustomerOnly: true,
    }),
    activity({
      _id: 'a-mahua-community',
      merchantId: 'm-ciqikou',
      productId: 'p-mahua',
      skuId: 's-mahua-gift',
      title: '陈麻花礼盒 沙坪坝社区团',
      groupPrice: 4590,
      soloPrice: 5990,
      groupSize: 4,
      validityHours: 24,
      perOrderLimit: 2,
      perUserLimit: 4,
      stockMode: 'dedicated',
      pool: { available: 20, reserved: 0, sold: 0 },
      scope: { kind: 'radius', center: point(106.4566, 29.5561), radiusMeters: 5000 },
    }),
    activity({
      _id: 'a-hotpot-set-4',
      merchantId: 'm-laomatou',
      productId: 'p-hotpot-set',
      skuId: 's-hotpot-set-2',
      title: '双人火锅套餐 主城 4 人团',
      groupPrice: 15800,
      soloPrice: 19800,
      groupSize: 4,
      validityHours: 72,
      perOrderLimit: 1,
      perUserLimit: 2,
      stockMode: 'shared',
      scope: { kind: 'districts', districts: ['渝中区', '江北区', '南岸区', '九龙坡区'] },
    }),
  ];

  const pickup = (
    id: string,
    name: string,
    district: string,
    address: string,
    longitude: number,
    latitude: number,
  ) => ({
    _id: id,
    name,
    district,
    address,
    location: point(longitude, latitude),
    openHours: '09:00-21:00',
  });
  const pickup_points: Doc[] = [
    pickup('pp-jiefangbei', '解放碑便民驿站', '渝中区', '渝中区民权路 28 号', 106.5775, 29.5577),
    pickup('pp-guanyinqiao', '观音桥社区团购点', '江北区', '江北区建新北路 9 号', 106.5325, 29.5749),
    pickup('pp-nanping', '南坪菜鸟驿站', '南岸区', '南岸区南坪西路 16 号', 106.5615, 29.526),
    pickup('pp-sanxia', '三峡广场便利店', '沙坪坝区', '沙坪坝区三峡广场 1 号', 106.4566, 29.5561),
    pickup('pp-yangjiaping', '杨家坪社区店', '九龙坡区', '九龙坡区杨家坪步行街 5 号', 106.5112, 29.506),
    pickup('pp-xinpaifang', '新牌坊快递驿站', '渝北区', '渝北区新牌坊一路 3 号', 106.5289, 29.5994),
  ];

  const users: Doc[] = [
    { _id: OPS_ADMIN_OPENID, nickname: '山城运营', avatarUrl: '', roles: ['ops'], createdAt: now - 90 * DAY },
    {
      _id: 'o-merchant-laomatou',
      nickname: '老码头掌柜',
      avatarUrl: '',
      roles: ['merchant'],
      merchantId: 'm-laomatou',
      createdAt: now - 90 * DAY,
    },
    { _id: DEMO_SHOPPER_OPENID, nickname: '解放碑吃货', avatarUrl: '', roles: ['shopper'], createdAt: now - 10 * DAY },
  ];

  for (const leader of DEMO_LEADERS) {
    users.push({
      _id: leader.openid,
      nickname: leader.nickname,
      avatarUrl: '',
      roles: ['shopper', 'leader'],
      ref: leader.ref,
      quota: {},
      quotaHolds: {},
      createdAt: now - 30 * DAY,
    });
  }

  return { merchants, products, skus, activities, pickup_points, users };
}

/** Demo 团长 (community shop owners), each with a fixed share ref so a shared link is easy to try by hand. */
export const DEMO_LEADERS = [
  { openid: 'o-demo-leader-jfb', nickname: '解放碑王姐', ref: 'jfbwang1' },
  { openid: 'o-demo-leader-nanping', nickname: '南坪李哥', ref: 'nplige01' },
  { openid: 'o-demo-leader-gyq', nickname: '观音桥张姐', ref: 'gyqzhang' },
  { openid: 'o-demo-leader-sanxia', nickname: '沙坪坝陈老师', ref: 'spbchen1' },
  { openid: 'o-demo-leader-yjp', nickname: '杨家坪刘叔', ref: 'yjpliu01' },
] as const;

/**
 * The demo groups `seed-demo.ts` opens at start, each by a demo leader at a pickup point: only the leader's
 * seat, paid, so every seat shown is a real order.
 */
export const DEMO_GROUPS: readonly {
  readonly leader: (typeof DEMO_LEADERS)[number];
  readonly activityId: string;
  readonly pickupPointId: string;
}[] = [
  { leader: DEMO_LEADERS[0], activityId: 'a-hotpot-base-3', pickupPointId: 'pp-jiefangbei' },
  { leader: DEMO_LEADERS[1], activityId: 'a-orange-5', pickupPointId: 'pp-nanping' },
  { leader: DEMO_LEADERS[2], activityId: 'a-hotpot-base-3', pickupPointId: 'pp-guanyinqiao' },
  { leader: DEMO_LEADERS[3], activityId: 'a-mahua-community', pickupPointId: 'pp-sanxia' },
  { leader: DEMO_LEADERS[4], activityId: 'a-hotpot-set-4', pickupPointId: 'pp-yangjiaping' },
];

/**
 * The console's demo staff: one ops, one merchant per seeded merchant, one customer service. Their passwords
 * are fixed and printed by `npm start`, for a local demo only (they meet the password policy, and need no
 * change at the first sign-in).
 */
export const DEMO_STAFF: readonly {
  readonly account: string;
  readonly password: string;
  readonly name: string;
  readonly role: 'ops' | 'merchant' | 'service';
  readonly merchantId?: string;
}[] = [
  { account: 'ops01', password: 'ops01-2026', name: '山城运营', role: 'ops' },
  { account: 'laomatou', password: 'laomatou-2026', name: '老码头掌柜', role: 'merchant', merchantId: 'm-laomatou' },
  { account: 'fengjie', password: 'fengjie-2026', name: '奉节果园', role: 'merchant', merchantId: 'm-fengjie' },
  { account: 'jiangjin', password: 'jiangjin-2026', name: '江津花椒社', role: 'merchant', merchantId: 'm-jiangjin' },
  { account: 'ciqikou', password: 'ciqikou-2026', name: '陈麻花铺', role: 'merchant', merchantId: 'm-ciqikou' },
  { account: 'service01', password: 'service01-2026', name: '山城客服', role: 'service' },
];

/** The demo staff's `staff` documents, passwords hashed as the server hashes them. */
export async function demoStaffAccounts(now: number): Promise<Doc[]> {
  return Promise.all(
    DEMO_STAFF.map(async (member) => ({
      _id: `st-${member.account}`,
      account: member.account,
      name: member.name,
      role: member.role,
      ...(member.merchantId ? { merchantId: member.merchantId } : {}),
      status: 'active',
      passwordHash: await hashPassword(member.password),
      mustChangePassword: false,
      failedSignIns: 0,
      sessionsValidFrom: 0,
      createdAt: now - 30 * DAY,
      updatedAt: now - 30 * DAY,
    })),
  );
}
