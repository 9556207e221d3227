/**
 * createProduct, getProduct and updateProduct through the emulator: a product is created off sale with its
 * SKUs (fen on the wire), edited (fields, images in order, SKU spec and price, new SKUs), and every write
 * is in the audit log with what it was before and after. Refusals answer the field's own message and
 * change nothing.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ProductDetail } from '../../contracts/admin';
import { addMerchant } from '../testing/catalog';
import { adminCall, addStaff, signIn } from '../testing/staff';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();
const PASSWORD = 'Chongqing2026';
let token: string;

const create = (body: Record<string, unknown>) => adminCall<ProductDetail>(platform, 'createProduct', body, token);
const update = (body: Record<string, unknown>) => adminCall<ProductDetail>(platform, 'updateProduct', body, token);
const ok = <T>(answer: { body: { ok: true; data: T } | { ok: false; error: { code: string } } }): T => {
  if (!answer.body.ok) throw new Error(answer.body.error.code);
  return answer.body.data;
};
const refusal = (answer: { status: number; body: { ok: boolean; error?: { code: string; message: string } } }) => [
  answer.status,
  answer.body.error?.code,
  answer.body.error?.message,
];

const ORANGE = {
  merchantId: 'm-fj',
  title: '奉节脐橙',
  subtitle: '当季现摘',
  category: '水果',
  origin: '奉节',
  description: '脆甜多汁。\n顺丰冷链。',
  skus: [
    { spec: '5 斤装', price: 4990, stock: 300 },
    { spec: '10 斤装', price: 8990, stock: 150 },
  ],
};

beforeAll(async () => {
  await addMerchant(platform, 'm-fj', '奉节脐橙果园直供');
  await addStaff(platform, 'ops-u', PASSWORD);
  token = await signIn(platform, 'ops-u', PASSWORD);
});

describe('createProduct', () => {
  it('creates the product off sale, without images, its SKUs in order with their price in fen and stock', async () => {
    const { product, skus } = ok(await create(ORANGE));
    expect(product).toMatchObject({
      merchantId: 'm-fj',
      merchantName: '奉节脐橙果园直供',
      title: '奉节脐橙',
      origin: '奉节',
      description: '脆甜多汁。\n顺丰冷链。',
      status: 'off_sale',
      images: [],
    });
    expect(skus.map((s) => [s.spec, s.price, s.stock])).toEqual([
      ['5 斤装', 4990, { available: 300, reserved: 0, sold: 0, allocated: 0 }],
      ['10 斤装', 8990, { available: 150, reserved: 0, sold: 0, allocated: 0 }],
    ]);
    expect(ok(await adminCall<ProductDetail>(platform, 'getProduct', { productId: product.productId }, token))).toEqual(
      {
        product,
        skus,
      },
    );
    const [audit] = await platform.find('audit_logs', { target: `product/${product.productId}` });
    expect(audit).toMatchObject({
      action: 'createProduct',
      account: 'ops-u',
      after: { title: '奉节脐橙', merchantId: 'm-fj' },
    });
  });

  it('creates once per request key: sent again, even five at once, it answers the same product', async () => {
    const requestKey = randomUUID();
    const first = ok(await create({ ...ORANGE, title: '奉节脐橙 重复', requestKey }));
    const again = await Promise.all(
      Array.from({ length: 5 }, () => create({ ...ORANGE, title: '奉节脐橙 重复', requestKey })),
    );
    for (const answer of again) expect(ok(answer).product.productId).toBe(first.product.productId);
    expect(await platform.find('products', { title: '奉节脐橙 重复' })).toHaveLength(1);
    expect(await platform.find('skus', { productId: first.product.productId })).toHaveLength(2);
    // Another key is another product.
    const other = ok(await create({ ...ORANGE, title: '奉节脐橙 重复', requestKey: randomUUID() }));
    expect(other.product.productId).not.toBe(first.product.productId);
  });

  it('refuses what the form refuses, with the same words, and writes nothing', async () => {
    const before = (await platform.find('products')).length;
    expect(refusal(await create({ ...ORANGE, title: '  ' }))).toEqual([400, 'INVALID_ARGUMENT', '请输入商品名称']);
    expect(refusal(await create({ ...ORANGE, skus: [] }))).toEqual([400, 'INVALID_ARGUMENT', '至少添加一个规格']);
    const twice = [ORANGE.skus[0], ORANGE.skus[0]];
    expect(refusal(await create({ ...ORANGE, skus: twice }))).toEqual([400, 'INVALID_ARGUMENT', '规格名称不能重复']);
    const free = [{ spec: '5 斤装', price: 0, stock: 1 }];
    expect(refusal(await create({ ...ORANGE, skus: free }))).toEqual([400, 'INVALID_ARGUMENT', '售价须大于 0']);
    const cents = [{ spec: '5 斤装', price: 49.9, stock: 1 }];
    expect(refusal(await create({ ...ORANGE, skus: cents }))).toEqual([400, 'INVALID_ARGUMENT', '售价最多两位小数']);
    const hidden = { ...ORANGE, title: '奉节\u202e脐橙' };
    expect(refusal(await create(hidden))).toEqual([400, 'INVALID_ARGUMENT', '商品名称不能包含控制字符']);
    expect((await platform.find('products')).length).toBe(before);
  });
});

describe('updateProduct', () => {
  let created: ProductDetail;
  const folder = () => `cloud://env-local.bucket/products/m-fj/${created.product.productId}`;
  const edit = (overrides: Record<string, unknown> = {}) => ({
    productId: created.product.productId,
    title: '奉节脐橙（特级）',
    subtitle: '当季现摘',
    category: '水果',
    origin: '奉节',
    description: '',
    images: [`${folder()}/b2.jpg`, `${folder()}/a1.png`],
    skus: [
      { skuId: created.skus[0]?.skuId, spec: '5 斤装', price: 4590 },
      { skuId: created.skus[1]?.skuId, spec: '10 斤装', price: 8990 },
      { spec: '礼盒 8 斤', price: 12800, stock: 20 },
    ],
    ...overrides,
  });

  beforeAll(async () => {
    created = ok(await create(ORANGE));
  });

  it('changes the fields, the images in order, a SKU’s price, and adds a SKU with its stock', async () => {
    const { product, skus } = ok(await update(edit()));
    expect(product.title).toBe('奉节脐橙（特级）');
    expect(product.images.map((i) => i.fileId)).toEqual([`${folder()}/b2.jpg`, `${folder()}/a1.png`]);
    expect(skus.map((s) => [s.spec, s.price, s.stock.available])).toEqual([
      ['5 斤装', 4590, 300],
      ['10 斤装', 8990, 150],
      ['礼盒 8 斤', 12800, 20],
    ]);
    const [audit] = await platform.find('audit_logs', {
      action: 'updateProduct',
      target: `product/${product.productId}`,
    });
    expect(audit?.before).toMatchObject({ title: '奉节脐橙', images: [], skus: [{ price: 4990 }, { price: 8990 }] });
    expect(audit?.after).toMatchObject({
      title: '奉节脐橙（特级）',
      skus: [{ price: 4590 }, { price: 8990 }, { spec: '礼盒 8 斤' }],
    });
    // Reordered, one removed: the cover is the first.
    const rows = skus.map((s) => ({ skuId: s.skuId, spec: s.spec, price: s.price }));
    const again = ok(await update(edit({ images: [`${folder()}/a1.png`], skus: rows })));
    expect(again.product.images.map((i) => i.fileId)).toEqual([`${folder()}/a1.png`]);
  });

  it('refuses another product’s or merchant’s images, a stock on an existing SKU, another product’s SKU', async () => {
    const before = { products: await platform.find('products'), skus: await platform.find('skus') };
    const foreign = ['cloud://env-local.bucket/products/m-other/p-x/a.jpg'];
    expect(refusal(await update(edit({ images: foreign })))[0]).toBe(400);
    expect(refusal(await update(edit({ images: ['https://example.com/a.jpg'] })))[0]).toBe(400);
    const restock = [{ skuId: created.skus[0]?.skuId, spec: '5 斤装', price: 4590, stock: 999 }];
    expect(refusal(await update(edit({ skus: restock })))).toEqual([
      400,
      'INVALID_ARGUMENT',
      '已有规格的库存请用“调整库存”修改',
    ]);
    const stranger = [{ skuId: 's-not-this-product', spec: '5 斤装', price: 4590 }];
    expect(refusal(await update(edit({ skus: stranger })))[1]).toBe('NOT_FOUND');
    expect({ products: await platform.find('products'), skus: await platform.find('skus') }).toEqual(before);
  });

  it('adds a save’s new SKUs once per request key, however often it is sent', async () => {
    const { product, skus } = ok(await create({ ...ORANGE, title: '奉节脐橙 加规格' }));
    const rows = skus.map((s) => ({ skuId: s.skuId, spec: s.spec, price: s.price }));
    const save = {
      productId: product.productId,
      title: product.title,
      category: product.category,
      images: [],
      skus: [...rows, { spec: '礼盒装', price: 12900, stock: 40 }],
      requestKey: randomUUID(),
    };
    // Sent three at once, several times over: identical writes landing in the same millisecond change nothing,
    // and that is no refusal (it once read as "went on sale meanwhile": PRODUCT_INCOMPLETE).
    for (let round = 0; round < 4; round += 1) {
      const answers = await Promise.all([update(save), update(save), update(save)]);
      for (const answer of answers) expect(ok(answer).skus.map((s) => s.spec)).toContain('礼盒装');
    }
    expect(ok(await update(save)).skus.map((s) => [s.spec, s.stock.available])).toEqual([
      ['5 斤装', 300],
      ['10 斤装', 150],
      ['礼盒装', 40],
    ]);
    expect(await platform.find('skus', { productId: product.productId })).toHaveLength(3);
  });

  it('keeps an image on a product on sale: removing its last one is PRODUCT_INCOMPLETE', async () => {
    const current = ok(
      await adminCall<ProductDetail>(platform, 'getProduct', { productId: created.product.productId }, token),
    );
    const rows = current.skus.map((s) => ({ skuId: s.skuId, spec: s.spec, price: s.price }));
    ok(await update(edit({ images: [`${folder()}/a1.png`], skus: rows })));
    ok(
      await adminCall(platform, 'setProductStatus', { productId: created.product.productId, status: 'on_sale' }, token),
    );
    expect(refusal(await update(edit({ images: [], skus: rows })))).toEqual([
      409,
      'PRODUCT_INCOMPLETE',
      '商品至少需要一张图片和一个规格才能上架',
    ]);
    const [stored] = await platform.find('products', { _id: created.product.productId });
    expect(stored).toMatchObject({ status: 'on_sale', images: [`${folder()}/a1.png`] });
  });
});
