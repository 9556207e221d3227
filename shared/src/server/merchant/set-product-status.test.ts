/**
 * setProductStatus through the emulator, and what 下架 does to shoppers: openGroup and buySolo are refused
 * at once (PRODUCT_OFF_SALE) while a group already forming still takes members, takes their payments and
 * succeeds. 上架 needs an image and a SKU, also when it races an edit removing the images.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { data } from '../testing/envelopes';
import { pickupAt, seedCatalog } from '../testing/group-buy.fixtures';
import { addMerchant, addProduct } from '../testing/catalog';
import { TAKE_DOWN_RACE, takeDownRace } from '../testing/console-races';
import { answer, expectRefusedOn, joinGroupAs, openGroupAs, payAndSettle, place } from '../testing/shopper';
import { adminCall, addStaff, signIn } from '../testing/staff';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();
const expectRefused = expectRefusedOn(platform);
const PASSWORD = 'Chongqing2026';
let token: string;
/** The race runs small here; set-product-status.slow.test.ts runs it at full scale. */
const { small: race } = TAKE_DOWN_RACE;

const setStatus = (productId: string, status: string) =>
  adminCall<{ status: string; changed: boolean }>(platform, 'setProductStatus', { productId, status }, token);

beforeAll(async () => {
  await addMerchant(platform, 'm-s');
  await addStaff(platform, 'ops-s', PASSWORD);
  token = await signIn(platform, 'ops-s', PASSWORD);
});

describe('setProductStatus', () => {
  it('puts a product on sale only with an image and a SKU, and says when nothing changed', async () => {
    const bare = await addProduct(platform, 'm-s', { status: 'off_sale', images: [] });
    const refused = await setStatus(bare.productId, 'on_sale');
    expect([refused.status, refused.body.ok || refused.body.error.code]).toEqual([409, 'PRODUCT_INCOMPLETE']);
    expect(await platform.get('products', bare.productId)).toMatchObject({ status: 'off_sale' });

    const ready = await addProduct(platform, 'm-s', { status: 'off_sale' });
    expect((await setStatus(ready.productId, 'on_sale')).body).toEqual({
      ok: true,
      data: { productId: ready.productId, status: 'on_sale', changed: true },
    });
    expect((await setStatus(ready.productId, 'on_sale')).body).toMatchObject({ data: { changed: false } });
    expect((await setStatus(ready.productId, 'off_sale')).body).toMatchObject({ data: { changed: true } });
    const audit = await platform.find('audit_logs', { target: `product/${ready.productId}` });
    expect(audit.map((e) => [e.action, e.before, e.after])).toEqual([
      ['setProductStatus', { status: 'off_sale' }, { status: 'on_sale' }],
      ['setProductStatus', { status: 'on_sale' }, { status: 'on_sale', changed: false }],
      ['setProductStatus', { status: 'on_sale' }, { status: 'off_sale' }],
    ]);
  });

  it('never leaves a product on sale without images, however 上架 and edits removing them race', async () => {
    for (let round = 0; round < 3; round++) {
      const product = await addProduct(platform, 'm-s', { status: 'off_sale' });
      const [sku] = (await platform.find('skus', { productId: product.productId })) as {
        _id: string;
        spec: string;
        price: number;
      }[];
      const edit = {
        productId: product.productId,
        title: '江津青花椒',
        category: '调味',
        images: [],
        skus: [{ skuId: sku?._id, spec: sku?.spec, price: sku?.price }],
      };
      const answers = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          i % 2 === 0 ? setStatus(product.productId, 'on_sale') : adminCall(platform, 'updateProduct', edit, token),
        ),
      );
      const codes = answers.map((a) => (a.body.ok ? 'ok' : a.body.error.code));
      expect(
        codes.every((c) => ['ok', 'PRODUCT_INCOMPLETE'].includes(c)),
        codes.join(),
      ).toBe(true);
      const stored = (await platform.get('products', product.productId)) as { status: string; images: string[] };
      expect(stored.status === 'on_sale' && stored.images.length === 0, JSON.stringify(stored)).toBe(false);
    }
  });
});

describe('下架, as shoppers meet it', () => {
  it('refuses new groups and solo sales at once, while a forming group still fills and succeeds', async () => {
    const fx = await seedCatalog((c, d) => platform.insert(c, d), { groupSize: 3, stock: 50 });
    const { groupId } = await openGroupAs(platform, fx, 'o-leader');
    const waiting = await joinGroupAs(platform, fx, groupId, 'o-first', false); // a seat taken, not paid yet

    expect((await setStatus(fx.productId, 'off_sale')).body).toMatchObject({ ok: true, data: { changed: true } });

    const delivery = pickupAt(fx);
    await expectRefused('openGroup', 'o-new', { activityId: fx.activityId, quantity: 1, delivery }, 'PRODUCT_OFF_SALE');
    await expectRefused('buySolo', 'o-new', { skuId: fx.skuId, quantity: 1, delivery }, 'PRODUCT_OFF_SALE');
    const detail = data(
      await answer<{ onSale: boolean }>(platform, 'getActivity', 'o-new', { activityId: fx.activityId }),
    );
    expect(detail.onSale).toBe(false);

    // The group already forming finishes: the waiting seat is paid, a last member joins and pays.
    await payAndSettle(platform, waiting.orderId);
    await joinGroupAs(platform, fx, groupId, 'o-last');
    expect(await platform.get('groups', groupId)).toMatchObject({ status: 'succeeded', seatsPaid: 3 });

    // Back on sale, groups open again.
    expect((await setStatus(fx.productId, 'on_sale')).body).toMatchObject({ ok: true });
    const reopened = await place(platform, 'openGroup', 'o-new', { activityId: fx.activityId, quantity: 1, delivery });
    expect(reopened.groupId).toBeTruthy();
  });

  it(`races ${race.before + race.after} shoppers: sales refused only as PRODUCT_OFF_SALE, every unit counted, none after 下架 answers`, () =>
    takeDownRace(platform, token, race));
});
