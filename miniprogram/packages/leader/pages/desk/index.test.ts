/**
 * The 自提点工作台 through the real pages in local mode: the shopper's order page draws their pickup code as a QR; the
 * 团长 opens the desk from 团长中心 on their status page, sees the order due, scans that QR with `wx.scanCode` (the
 * phone's camera reads exactly what the order page drew) and hands the goods over once; a typed code, another
 * payload and a closed camera are answered as the counter needs. A shopper keeping no point reads the refusal.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffToken } from '../../../../../shared/src/server/testing/fulfilment';
import { keeperWithPoint, waitingAt } from '../../../../../shared/src/server/testing/pickup-desk';
import { addUser } from '../../../../../shared/src/server/testing/shopper';
import { usePlatform } from '../../../../../shared/src/server/testing/use-platform';
import { eventWith, tapOn } from '../../../../testing/page-runner';
import { shopperPhone } from '../../../../testing/phone';

const platform = usePlatform();
const phone = shopperPhone(() => platform);
const { open, tap, lastNavigation } = phone;
afterAll(() => phone.putDown());

/** The pages walk several functions end to end, cold at first: like the other page journeys, 90 s. */
const JOURNEY_BUDGET_MS = 90_000;

const M = 'm-desk-page';
let merchant = '';
beforeAll(async () => {
  merchant = await staffToken(platform, 'desk-page-m', M);
});

describe('自提点工作台, through the pages', { timeout: JOURNEY_BUDGET_MS }, () => {
  it('opens from 团长中心, lists the order due, and hands it over once with the shopper’s scanned QR', async () => {
    const { keeper, pickupPointId } = await keeperWithPoint(platform);
    const shopper = 'o-desk-page-zhou';
    await addUser(platform, shopper, '周小燕');
    const {
      ids: [orderId = ''],
    } = await waitingAt(platform, merchant, 1, { merchantId: M, openid: shopper, pickupPointId, quantity: 2 });

    // What the shopper's order page draws as the QR code (`<qr-code text="{{order.pickup.code}}">`).
    phone.handTo(shopper);
    const detail = await open(`/packages/order/pages/detail/index?orderId=${orderId}`);
    const qrText = (detail.data.order as { pickup: { code: string } }).pickup.code;

    phone.handTo(keeper);
    const status = await open('/packages/leader/pages/status/index');
    const centre = (status.data.leader as { centre: { title: string; url: string }[] }).centre;
    expect(centre.map((c) => c.title)).toEqual(['数据看板', '开团工具', '自提点工作台', '团员管理', '我的收益']);
    await tap(status, 'onOpenCentre', tapOn({ url: centre.find((c) => c.title === '自提点工作台')?.url }));
    expect(lastNavigation()).toBe('/packages/leader/pages/desk/index');

    const desk = await open(lastNavigation());
    expect(desk.data).toMatchObject({
      state: 'ready',
      desk: {
        pointName: '南坪便民驿站',
        arrivals: [{ goods: '江津花椒 250g', units: '2 件（1 单）', waiting: '待取 2 件' }],
        due: [{ key: orderId, shopper: '周*燕', goods: '江津花椒 250g × 2' }],
        dueTitle: '待取货（1）',
        collected: [],
      },
    });
    expect(JSON.stringify(desk.data)).not.toContain(qrText);

    // Not a pickup code, a mistyped one, the camera closed: nothing is checked.
    phone.aimAt('https://example.com/p?id=1');
    await tap(desk, 'onScan');
    expect(phone.toasts.at(-1)).toBe('这不是取货码，请扫描顾客订单页的取货二维码');
    await tap(desk, 'onCodeInput', eventWith({ value: '12' }));
    await tap(desk, 'onVerifyTyped');
    expect(phone.toasts.at(-1)).toBe('请输入 6 位数字取货码');
    const toasts = phone.toasts.length;
    await tap(desk, 'onScan');
    expect(phone.toasts).toHaveLength(toasts);
    expect((await platform.get('orders', orderId))?.status).toBe('at_pickup_point');

    // The shopper's QR: handed over, and the desk reads again.
    phone.aimAt(qrText);
    await tap(desk, 'onScan');
    expect(phone.toasts.at(-1)).toBe('核销成功，请交付商品');
    expect(desk.data.result).toMatchObject({ ok: true, detail: '周*燕 · 江津花椒 250g × 2' });
    expect(desk.data.desk).toMatchObject({
      arrivals: [{ waiting: '已取完' }],
      due: [],
      collected: [{ key: orderId, shopper: '周*燕' }],
      collectedTitle: '今日已取（1）',
    });
    expect((await platform.get('orders', orderId))?.status).toBe('picked_up');

    // The code typed again, as the order page groups it: already collected, said so.
    await tap(desk, 'onCodeInput', eventWith({ value: `${qrText.slice(0, 3)} ${qrText.slice(3)}` }));
    await tap(desk, 'onVerifyTyped');
    expect(phone.toasts.at(-1)).toMatch(/^已于 \d{2}-\d{2} \d{2}:\d{2} 取货$/);
    expect(desk.data.result).toMatchObject({ ok: false, title: expect.stringContaining('请勿重复交付') });
  });

  it('tells a shopper who keeps no point that they may not use it', async () => {
    phone.handTo('o-desk-page-nobody');
    const desk = await open('/packages/leader/pages/desk/index');
    expect(desk.data).toMatchObject({ state: 'error', message: '没有权限进行此操作' });
  });
});
