/**
 * adjustStock through the emulator: 入库 and 盘亏 on a SKU's available units, with a reason in the audit
 * log; never below what is held or sold; and raced against itself and shoppers' orders: every unit stays
 * counted and `available` never goes below zero.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { addMerchant } from '../testing/catalog';
import { ADJUST_RACE, adjustRace } from '../testing/console-races';
import { pickupAt, seedCatalog } from '../testing/group-buy.fixtures';
import { stockOf } from '../testing/ops';
import { answer } from '../testing/shopper';
import { adminCall, addStaff, signIn } from '../testing/staff';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();
const PASSWORD = 'Chongqing2026';
let token: string;
/** The race runs small here; adjust-stock.slow.test.ts runs it at full scale. */
const { small: race } = ADJUST_RACE;

const adjust = (skuId: string, delta: number, reason = '入库', requestKey: string = randomUUID()) =>
  adminCall<{ stock: { available: number; reserved: number; sold: number }; replayed: boolean }>(
    platform,
    'adjustStock',
    { skuId, delta, reason, requestKey },
    token,
  );
const catalog = (stock: number) => seedCatalog((c, d) => platform.insert(c, d), { stock, perOrderLimit: 5 });

beforeAll(async () => {
  await addMerchant(platform, 'm-adj');
  await addStaff(platform, 'ops-adj', PASSWORD);
  token = await signIn(platform, 'ops-adj', PASSWORD);
});

describe('adjustStock', () => {
  it('adds and takes away available units, and audits the delta, the reason and the units around it', async () => {
    const fx = await catalog(10);
    expect((await adjust(fx.skuId, 25, '到货 25 箱')).body).toMatchObject({
      ok: true,
      data: { stock: { available: 35, reserved: 0, sold: 0 } },
    });
    expect((await adjust(fx.skuId, -5, '破损')).body).toMatchObject({ data: { stock: { available: 30 } } });
    const audit = await platform.find('audit_logs', { target: `sku/${fx.skuId}` });
    expect(audit.map((e) => [e.action, e.before, e.after])).toEqual([
      [
        'adjustStock',
        { available: 10 },
        { available: 35, delta: 25, reason: '到货 25 箱', requestKey: expect.any(String) },
      ],
      ['adjustStock', { available: 35 }, { available: 30, delta: -5, reason: '破损', requestKey: expect.any(String) }],
    ]);
  });

  it('never takes units held by unpaid orders or sold: below zero available is OUT_OF_STOCK, changing nothing', async () => {
    const fx = await catalog(5);
    const held = await answer(platform, 'buySolo', 'o-holder', {
      skuId: fx.skuId,
      quantity: 3,
      delivery: pickupAt(fx),
    });
    expect(held.ok).toBe(true);
    const before = await stockOf(platform, fx.skuId);
    expect(before).toMatchObject({ available: 2, reserved: 3 });
    const refused = await adjust(fx.skuId, -3, '盘亏');
    expect([refused.status, refused.body.ok || refused.body.error.code]).toEqual([409, 'OUT_OF_STOCK']);
    expect(await stockOf(platform, fx.skuId)).toEqual(before);
    expect(await platform.find('audit_logs', { target: `sku/${fx.skuId}` })).toEqual([]);
    expect((await adjust(fx.skuId, -2, '盘亏')).body).toMatchObject({ data: { stock: { available: 0, reserved: 3 } } });
  });

  it('applies a request once: the same request key again, even ten at once, changes nothing twice', async () => {
    const fx = await catalog(10);
    const key = randomUUID();
    expect((await adjust(fx.skuId, 5, '入库', key)).body).toMatchObject({
      ok: true,
      data: { stock: { available: 15 }, replayed: false },
    });
    expect((await adjust(fx.skuId, 5, '入库', key)).body).toMatchObject({
      ok: true,
      data: { stock: { available: 15 }, replayed: true },
    });
    const burst = randomUUID();
    const answers = await Promise.all(Array.from({ length: 10 }, () => adjust(fx.skuId, -4, '盘亏', burst)));
    expect(answers.map((a) => a.body.ok && a.body.data.replayed).sort()).toEqual([false, ...Array(9).fill(true)]);
    expect(await stockOf(platform, fx.skuId)).toMatchObject({ available: 11 });
    const audit = await platform.find('audit_logs', { target: `sku/${fx.skuId}` });
    expect(audit.filter((e) => !(e.after as { replayed?: boolean }).replayed)).toHaveLength(2);
  });

  it('refuses zero, a missing reason and a fraction with the form’s words', async () => {
    const fx = await catalog(5);
    const message = async (delta: number, reason: string) => {
      const refused = await adjust(fx.skuId, delta, reason);
      return refused.body.ok ? 'ok' : refused.body.error.message;
    };
    expect(await message(0, '入库')).toBe('调整数量不能为 0');
    expect(await message(3, '  ')).toBe('请填写调整原因');
    expect(await message(1.5, '入库')).toBe('调整数量须为整数');
    expect(await stockOf(platform, fx.skuId)).toMatchObject({ available: 5 });
  });

  it(`races ${race.adjustments} adjustments and ${race.orders} shoppers’ orders (solo and new groups): every unit counted, never below held or sold`, () =>
    adjustRace(platform, token, race));
});
