/** buySolo: the normal price, shipped once paid; every refusal a typed error that changed nothing in the database. */
import { describe, expect, it } from 'vitest';
import { type CatalogOptions, pickupAt, seedCatalog } from '../testing/group-buy.fixtures';
import { answer, expectRefusedOn, type Placed } from '../testing/shopper';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();
const expectRefused = expectRefusedOn(platform);
const call = (fn: string, openid: string | undefined, body: unknown) => answer<Placed>(platform, fn, openid, body);
const catalog = (options: CatalogOptions = {}) => seedCatalog((c, d) => platform.insert(c, d), options);

describe('buySolo', () => {
  it('charges the normal price and ships once paid', async () => {
    const fx = await catalog({ soloPrice: 3990, stock: 5 });
    const bought = await call('buySolo', 'o-solo', { skuId: fx.skuId, quantity: 2, delivery: pickupAt(fx) });
    expect(bought).toMatchObject({ ok: true, data: { total: 7980 } });
    if (!bought.ok) return;
    await platform.pay(bought.data.orderId);
    await platform.settle();
    expect(await platform.get('orders', bought.data.orderId)).toMatchObject({ status: 'to_ship', role: 'solo' });
    expect(await platform.get('skus', fx.skuId)).toMatchObject({ stock: { available: 3, reserved: 0, sold: 2 } });
  });

  it('refuses an unknown SKU and a quantity over the stock', async () => {
    const fx = await catalog({ stock: 1 });
    await expectRefused('buySolo', 'o1', { skuId: 's-missing', quantity: 1, delivery: pickupAt(fx) }, 'NOT_FOUND');
    await expectRefused('buySolo', 'o1', { skuId: fx.skuId, quantity: 2, delivery: pickupAt(fx) }, 'OUT_OF_STOCK');
  });

  it('refuses a product taken down (下架) and a deactivated pickup point', async () => {
    const fx = await catalog({ stock: 5 });
    await platform.update('pickup_points', { _id: fx.pickupPointId }, { $set: { status: 'inactive' } });
    const body = { skuId: fx.skuId, quantity: 1, delivery: pickupAt(fx) };
    await expectRefused('buySolo', 'o1', body, 'PICKUP_POINT_INACTIVE');
    await platform.update('pickup_points', { _id: fx.pickupPointId }, { $set: { status: 'active' } });
    await platform.update('products', { _id: fx.productId }, { $set: { status: 'off_sale' } });
    await expectRefused('buySolo', 'o1', body, 'PRODUCT_OFF_SALE');
  });
});
