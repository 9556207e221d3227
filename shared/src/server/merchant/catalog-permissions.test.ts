/**
 * Who may do what with the catalogue, through the emulator, for every catalogue action: ops everything;
 * a merchant its own products only (another merchant's reads as NOT_FOUND, 404, and nothing changes);
 * customer service nothing (403); pickup points ops alone. Every refusal changes nothing.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { adminContracts } from '../../contracts/admin';
import { addMerchant, addProduct } from '../testing/catalog';
import { adminCall, adminUpload, addStaff, signIn } from '../testing/staff';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();
const PASSWORD = 'Chongqing2026';
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);

const CATALOGUE = [
  'listProducts',
  'getProduct',
  'createProduct',
  'updateProduct',
  'setProductStatus',
  'adjustStock',
  'uploadProductImage',
  'listMerchants',
] as const;
const PICKUP = [
  'searchPickupPoints',
  'createPickupPoint',
  'updatePickupPoint',
  'deactivatePickupPoint',
  'reactivatePickupPoint',
] as const;

let tokens: Record<'ops' | 'merchantA' | 'merchantB' | 'service', string>;
let a: { productId: string; skuId: string };

/** What a refused call could have touched. */
const state = async () => ({
  products: await platform.find('products'),
  skus: await platform.find('skus'),
  points: await platform.find('pickup_points'),
  audit: (await platform.find('audit_logs')).length,
});

const skuRow = (skuId: string) => ({ skuId, spec: '250g', price: 4990 });
const point = {
  name: '江北驿站',
  district: '江北区',
  address: '江北区建新北路 9 号',
  longitude: 106.53,
  latitude: 29.57,
};

/** A request each action accepts, aimed at merchant A's product. */
const requestOf = (action: (typeof CATALOGUE)[number] | (typeof PICKUP)[number]): unknown =>
  ({
    listProducts: {},
    getProduct: { productId: a.productId },
    createProduct: {
      merchantId: 'm-a',
      title: '奉节脐橙',
      category: '水果',
      skus: [{ spec: '5 斤', price: 4990, stock: 10 }],
    },
    updateProduct: { productId: a.productId, title: '改名', category: '调味', images: [], skus: [skuRow(a.skuId)] },
    setProductStatus: { productId: a.productId, status: 'off_sale' },
    adjustStock: { skuId: a.skuId, delta: 5, reason: '入库', requestKey: randomUUID() },
    uploadProductImage: { productId: a.productId },
    listMerchants: {},
    searchPickupPoints: {},
    createPickupPoint: point,
    updatePickupPoint: { ...point, pickupPointId: 'pp-perm' },
    deactivatePickupPoint: { pickupPointId: 'pp-perm' },
    reactivatePickupPoint: { pickupPointId: 'pp-perm' },
  })[action];

async function call(action: string, body: unknown, token: string) {
  if (action === 'uploadProductImage') {
    return adminUpload(
      platform,
      action,
      body as Record<string, string>,
      { bytes: PNG, contentType: 'image/png' },
      token,
    );
  }
  return adminCall(platform, action, body, token);
}

async function expectRefused(action: string, body: unknown, token: string, status: number, code: string) {
  const before = await state();
  const answer = await call(action, body, token);
  expect([answer.status, answer.body.ok ? 'ok' : answer.body.error.code], action).toEqual([status, code]);
  expect(await state(), `${action} changed nothing`).toEqual(before);
}

beforeAll(async () => {
  await addMerchant(platform, 'm-a', '江津花椒合作社');
  await addMerchant(platform, 'm-b', '奉节脐橙果园');
  await addStaff(platform, 'ops-p', PASSWORD);
  await addStaff(platform, 'mer-a', PASSWORD, { role: 'merchant', merchantId: 'm-a' });
  await addStaff(platform, 'mer-b', PASSWORD, { role: 'merchant', merchantId: 'm-b' });
  await addStaff(platform, 'svc-p', PASSWORD, { role: 'service' });
  tokens = {
    ops: await signIn(platform, 'ops-p', PASSWORD),
    merchantA: await signIn(platform, 'mer-a', PASSWORD),
    merchantB: await signIn(platform, 'mer-b', PASSWORD),
    service: await signIn(platform, 'svc-p', PASSWORD),
  };
  a = await addProduct(platform, 'm-a', { images: [], status: 'off_sale' });
  await addProduct(platform, 'm-b');
  await platform.insert('pickup_points', [
    {
      _id: 'pp-perm',
      name: '权限驿站',
      district: '渝中区',
      address: '渝中区某路 1 号',
      location: { type: 'Point', coordinates: [106.5775, 29.5577] },
    },
  ]);
});

describe('the catalogue’s actions', () => {
  it('are the ones the contracts give ops and merchants, and never customer service', () => {
    for (const action of CATALOGUE) expect(adminContracts[action].roles, action).toEqual(['ops', 'merchant']);
    for (const action of PICKUP) expect(adminContracts[action].roles, action).toEqual(['ops']);
    const writes = Object.values(adminContracts)
      .filter((c) => c.audited)
      .map((c) => c.name);
    expect(writes).toEqual(
      expect.arrayContaining([
        'createProduct',
        'updateProduct',
        'setProductStatus',
        'adjustStock',
        'uploadProductImage',
      ]),
    );
    expect(writes).toEqual(
      expect.arrayContaining([
        'createPickupPoint',
        'updatePickupPoint',
        'deactivatePickupPoint',
        'reactivatePickupPoint',
      ]),
    );
  });

  it.each(CATALOGUE)('%s: refused to customer service with 403, changing nothing', async (action) => {
    await expectRefused(action, requestOf(action), tokens.service, 403, 'FORBIDDEN');
  });

  it.each(PICKUP)('%s: refused to merchants and customer service with 403, changing nothing', async (action) => {
    for (const token of [tokens.merchantA, tokens.service])
      await expectRefused(action, requestOf(action), token, 403, 'FORBIDDEN');
  });

  it.each(['getProduct', 'updateProduct', 'setProductStatus', 'adjustStock', 'uploadProductImage'] as const)(
    '%s: another merchant’s product is not found (404), and nothing changes',
    async (action) => {
      await expectRefused(action, requestOf(action), tokens.merchantB, 404, 'NOT_FOUND');
    },
  );

  it('createProduct: a merchant creates for itself only; naming another merchant is not found', async () => {
    await expectRefused('createProduct', requestOf('createProduct'), tokens.merchantB, 404, 'NOT_FOUND');
    const own = await adminCall<{ product: { merchantId: string } }>(
      platform,
      'createProduct',
      { ...(requestOf('createProduct') as object), merchantId: undefined },
      tokens.merchantB,
    );
    expect(own.body).toMatchObject({ ok: true, data: { product: { merchantId: 'm-b' } } });
    // Ops must say whose product it is.
    await expectRefused(
      'createProduct',
      { ...(requestOf('createProduct') as object), merchantId: undefined },
      tokens.ops,
      400,
      'INVALID_ARGUMENT',
    );
    await expectRefused(
      'createProduct',
      { ...(requestOf('createProduct') as object), merchantId: 'm-none' },
      tokens.ops,
      404,
      'NOT_FOUND',
    );
  });

  it('listProducts and listMerchants: a merchant sees only its own, whatever it filters by; ops see all', async () => {
    const list = async (token: string, body: unknown) => {
      const answer = await adminCall<{ items: { merchantId: string }[] }>(platform, 'listProducts', body, token);
      if (!answer.body.ok) throw new Error(answer.body.error.code);
      return [...new Set(answer.body.data.items.map((i) => i.merchantId))].sort();
    };
    expect(await list(tokens.merchantA, {})).toEqual(['m-a']);
    expect(await list(tokens.merchantA, { merchantId: 'm-b' })).toEqual(['m-a']);
    expect(await list(tokens.ops, {})).toEqual(['m-a', 'm-b']);
    expect(await list(tokens.ops, { merchantId: 'm-b' })).toEqual(['m-b']);
    const merchants = async (token: string) => {
      const answer = await adminCall<{ items: { merchantId: string }[] }>(platform, 'listMerchants', {}, token);
      return answer.body.ok ? answer.body.data.items.map((m) => m.merchantId) : answer.body.error.code;
    };
    expect(await merchants(tokens.merchantA)).toEqual(['m-a']);
    expect(await merchants(tokens.ops)).toEqual(expect.arrayContaining(['m-a', 'm-b']));
  });

  it.each(['getProduct', 'updateProduct', 'setProductStatus', 'adjustStock'] as const)(
    '%s: allowed to ops and to the product’s own merchant',
    async (action) => {
      for (const token of [tokens.ops, tokens.merchantA]) {
        const answer = await adminCall(platform, action, requestOf(action), token);
        expect([answer.status, answer.body.ok ? 'ok' : answer.body.error.code], action).toEqual([200, 'ok']);
      }
    },
  );

  it.each(PICKUP)('%s: allowed to ops', async (action) => {
    const answer = await adminCall(platform, action, requestOf(action), tokens.ops);
    expect([answer.status, answer.body.ok ? 'ok' : answer.body.error.code], action).toEqual([200, 'ok']);
  });
});
