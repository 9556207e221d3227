/**
 * The two after-成团 stories end to end on one emulator with the seed's catalogue and demo staff: the merchant
 * (老码头, `laomatou`) works in the console in real Chromium, the shopper on the mini-program's real pages (the
 * page-runner's phone: each page's own script, its calls through services/cloud.ts to the bundled functions,
 * paying through the emulator's CloudPay sandbox).
 * 1. an express order: the shopper buys it at checkout; the merchant ships it from 发货管理 with a carrier and a
 *    waybill; the order page's track advances through the emulator's 快递100 sandbox; the shopper confirms
 *    receipt and asks to return it with a photo; the merchant approves on the request's page; the shopper enters
 *    the return's waybill; the merchant confirms the return received; the refund lands (已退款 on both pages,
 *    refunds never above what was paid).
 * 2. a pickup order: the merchant sends it to its point as a batch from 发货管理 and marks the batch arrived on
 *    自提核销; the shopper's order page shows the code; the merchant hands the goods over with that code (a second
 *    scan says it was collected); completeOrders completes it once its after-sales window has passed.
 */
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';

import type { PageInstance } from '../../miniprogram/testing/page-runner';
import { eventWith } from '../../miniprogram/testing/page-runner';
import { shopperPhone } from '../../miniprogram/testing/phone';
import { refundedOn } from '../../shared/src/server/testing/after-sales';
import { job } from '../../shared/src/server/testing/ops';
import { chromiumMissing, STORY_TIMEOUT } from './browser';
import { useSeededConsole } from './seeded-console';

const missing = chromiumMissing();
if (missing) console.warn(`[browser tests] skipped: ${missing}`);

const seeded = useSeededConsole();
const { pageErrors, signIn } = seeded;
const phone = shopperPhone(() => seeded.platform);
afterAll(() => phone.putDown());

const menu = (page: Page, title: string) =>
  page.locator('.t-menu__item', { hasText: new RegExp(`^\\s*${title}\\s*$`) });

/** Picks `label` in the TDesign select `select`. */
async function choose(page: Page, select: ReturnType<Page['getByTestId']>, label: string) {
  await select.click();
  await page.locator('.t-select-option', { hasText: label }).last().click();
}

/**
 * The shopper buys 老码头's 牛油底料 400g (39.90) alone, two of them, at the checkout page: delivered to the address
 * WeChat's address book gives, or collected at `pickupPointId`. Answers the order's page, opened as paying does.
 */
async function boughtAtCheckout(openid: string, pickupPointId?: string): Promise<PageInstance> {
  phone.handTo(openid);
  const checkout = await phone.open('/packages/order/pages/checkout/index?mode=solo&activityId=a-hotpot-base-3');
  await phone.tap(checkout, 'onQuantity', eventWith({ value: 2 }));
  if (!pickupPointId) await phone.tap(checkout, 'onChooseAddress');
  await phone.payAtCheckout(checkout, pickupPointId);
  expect(phone.lastNavigation()).toMatch(/^\/packages\/order\/pages\/detail\/index\?orderId=/);
  const detail = await phone.open(phone.lastNavigation());
  expect(detail.data.order).toMatchObject({
    statusLabel: '待发货',
    itemRows: expect.arrayContaining([{ label: '合计', value: '¥79.80' }]),
  });
  return detail;
}

/** The order's page as the shopper comes back to it. */
async function backTo(page: PageInstance): Promise<Record<string, unknown>> {
  await phone.tap(page, 'onShow');
  return page.data.order as Record<string, unknown>;
}

const orderIdOf = (detail: PageInstance) => (detail.data.order as { orderId: string }).orderId;

const HOUR = 3_600_000;

describe.skipIf(missing !== undefined)('after 成团: the merchant in Chromium, the shopper on the pages', () => {
  it(
    'story 1: an express order is shipped, tracked, received, returned with the merchant’s approval and refunded',
    async () => {
      const { platform } = seeded;
      const detail = await boughtAtCheckout('o-ful-e2e-express');
      const orderId = orderIdOf(detail);
      expect(detail.data.order).toMatchObject({
        deliveryRows: expect.arrayContaining([{ label: '收货地址', value: '重庆市渝中区解放碑 1 号' }]),
      });

      // 发货管理: the order waits among the express ones, in the picking summary too; it leaves with 韵达.
      const page = await signIn('laomatou');
      await menu(page, '发货管理').click();
      await page.getByTestId('picking-summary').getByText('快递到家').waitFor();
      const row = page.getByTestId('to-ship-table').locator('tr', { hasText: orderId });
      await row.waitFor();

      // A waybill file with one bad row ships nothing, and says which line is wrong and why.
      await page.getByTestId('import-shipments').click();
      const csv = `订单号,快递公司,运单号\n${orderId},韵达,43100000E2E01\nO-no-such-order,韵达,43100000E2E02\n`;
      await page
        .getByTestId('csv-input')
        .setInputFiles({ name: '运单.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      const importing = page.locator('.t-dialog', { hasText: '导入运单' });
      await importing.getByRole('button', { name: '导入并发货' }).click();
      const problem = page.getByTestId('import-problems').locator('tr', { hasText: 'O-no-such-order' });
      await problem.getByText('订单不存在').waitFor();
      expect((await problem.locator('td').first().textContent())?.trim()).toBe('3');
      await importing.getByText('所有订单均未发货').waitFor();
      expect((await backTo(detail)).statusLabel).toBe('待发货');
      await importing.getByRole('button', { name: '取消' }).click();

      // Chosen in the list, it leaves with 韵达 and its waybill.
      await row.locator('.t-checkbox').click();
      await page.getByTestId('ship-express').click();
      const dialog = page.getByTestId('ship-dialog');
      const waybill = dialog.getByTestId(`waybill-${orderId}`);
      await choose(page, waybill.getByTestId('waybill-carrier'), '韵达快递');
      await waybill.getByTestId('waybill-number').locator('input').fill('43100000E2E01');
      await page.locator('.t-dialog', { hasText: '快递发货' }).getByRole('button', { name: '确认发货' }).click();
      await page.getByText('快递发货：已发货 1 单').waitFor();
      await row.waitFor({ state: 'detached' });

      // The shopper's order page: 韵达 and the waybill, a parcel not scanned yet.
      expect(await backTo(detail)).toMatchObject({
        statusLabel: '已发货',
        shipmentRows: expect.arrayContaining([{ label: '快递公司', value: '韵达快递' }]),
        trackingNo: '43100000E2E01',
        canConfirmReceipt: true,
      });
      const track = () => detail.data.track as { stateLabel: string; steps: { text: string; latest: boolean }[] };
      expect(track().steps).toEqual([]);

      // Ten hours on (the sandbox's clock) the parcel is on its way; the order's track was last asked for an
      // hour ago as far as getOrderTrack can tell, so the page's next look asks 快递100 again.
      platform.emulator.kuaidi100.advance('yunda', '43100000E2E01', 10 * HOUR);
      const doc = await platform.get('orders', orderId);
      const checked = { track: doc?.track as { checkedAt: number }, queriedAt: doc?.trackQueriedAt };
      await platform.update(
        'orders',
        { _id: orderId },
        {
          $set: {
            'track.checkedAt': checked.track.checkedAt - HOUR,
            ...(typeof checked.queriedAt === 'number' ? { trackQueriedAt: checked.queriedAt - HOUR } : {}),
          },
        },
      );
      await backTo(detail);
      expect(track().stateLabel).toBe('运输中');
      expect(track().steps[0]?.latest).toBe(true);
      expect(track().steps.at(-1)?.text).toContain('已揽收');

      // 确认收货 on the page, then 申请售后: 退货退款 for the whole order, with a photo.
      await phone.tap(detail, 'onConfirmReceipt');
      expect(detail.data.order).toMatchObject({ statusLabel: '已收货', canApplyAfterSale: true });
      await phone.tap(detail, 'onApplyAfterSale');
      const apply = await phone.open(phone.lastNavigation());
      await phone.tap(apply, 'onType', eventWith({ value: 'return_refund' }));
      await phone.tap(apply, 'onReason', eventWith({ value: 2 })); // 质量问题
      await phone.tap(apply, 'onDescription', eventWith({ value: '包装破了' }));
      await phone.tap(apply, 'onAddPhoto');
      await phone.tap(apply, 'onSubmit');
      const progress = await phone.open(phone.lastNavigation());
      const request = () => progress.data.afterSale as { afterSaleId: string; statusLabel: string };
      expect(request()).toMatchObject({ statusLabel: '待商家处理', canSubmitReturn: false });
      const { afterSaleId } = request();

      // 售后: the merchant opens the request, sees the photo, and approves it.
      await menu(page, '售后').click();
      await page.getByTestId('after-sales-table').locator('tr', { hasText: orderId }).click();
      await page.waitForURL(`${seeded.url}after-sales/${afterSaleId}`);
      const status = page.getByTestId('after-sale-status-tag');
      await status.getByText('待商家处理').waitFor();
      await page.getByTestId('after-sale-photos').locator('img').waitFor();
      await page.getByTestId('after-sale-order').getByText('快递 · 陈老板（渝中区）').waitFor();
      await page.getByTestId('after-sale-approve').click();
      await page.locator('.t-dialog', { hasText: '同意售后申请' }).getByRole('button', { name: '确认' }).click();
      await status.getByText('待寄回商品').waitFor();

      // The shopper sends the goods back with 圆通 and enters the waybill on the request's page.
      await phone.tap(progress, 'onShow');
      expect(request()).toMatchObject({ statusLabel: '待寄回商品', canSubmitReturn: true });
      await phone.tap(progress, 'onCarrierChange', eventWith({ value: 2 })); // 圆通速递
      await phone.tap(progress, 'onTrackingNoInput', eventWith({ value: 'YT9876543210' }));
      await phone.tap(progress, 'onSubmitReturn');
      expect(request()).toMatchObject({ statusLabel: '商品寄回中' });

      // The merchant sees the parcel and confirms it arrived; the refund follows.
      await page.reload();
      await page.getByTestId('after-sale-parcels').getByText('YT9876543210').waitFor();
      await page.getByTestId('after-sale-confirm_return').click();
      await page.locator('.t-dialog', { hasText: '确认收到退货' }).getByRole('button', { name: '确认' }).click();
      await page.getByTestId('after-sale-refund').waitFor();

      // The refund lands: the whole order, once, never more than was paid, on both of the shopper's pages.
      await platform.settle();
      await page.reload();
      await status.getByText('已退款').waitFor();
      await phone.tap(progress, 'onShow');
      expect(request().statusLabel).toBe('已退款');
      expect(await backTo(detail)).toMatchObject({
        statusLabel: '已退款',
        refundRows: expect.arrayContaining([{ label: '退款金额', value: '¥79.80' }]),
      });
      const total = (await platform.get('orders', orderId))?.total as number;
      expect(total).toBe(7980);
      expect(await refundedOn(platform, orderId)).toEqual({ recorded: total, count: 1, ledger: total, ledgerCount: 1 });
      expect(pageErrors).toEqual([]);
    },
    STORY_TIMEOUT,
  );

  it(
    'story 2: a pickup order goes to its point as a batch, arrives, is collected with its code once, and completes',
    async () => {
      const { platform } = seeded;
      const detail = await boughtAtCheckout('o-ful-e2e-pickup', 'pp-jiefangbei');
      const orderId = orderIdOf(detail);

      // 发货管理: the point's orders, this one chosen, sent as one batch (asked once more).
      const page = await signIn('laomatou');
      await menu(page, '发货管理').click();
      await choose(page, page.getByTestId('to-ship-point'), '解放碑便民驿站');
      await page.getByRole('button', { name: '查询' }).click();
      const row = page.getByTestId('to-ship-table').locator('tr', { hasText: orderId });
      await row.locator('.t-checkbox').click();
      await page.getByTestId('dispatch-batch').click();
      const dispatch = page.locator('.t-dialog', { hasText: '作为一批发往' });
      await dispatch.getByText('解放碑便民驿站').waitFor();
      await dispatch.getByRole('button', { name: '确认发出' }).click();
      await row.waitFor({ state: 'detached' });
      expect(await backTo(detail)).toMatchObject({ statusLabel: '已发货', pickup: null, canConfirmReceipt: false });
      const batchId = ((await platform.get('orders', orderId))?.shipment as { batchId: string }).batchId;

      // 自提核销: the batch, on its way, is marked arrived; the shopper's page shows the code to collect with.
      await menu(page, '自提核销').click();
      const batch = page.getByTestId('batches-table').locator('tr', { hasText: batchId });
      await batch.getByText('运输中').waitFor();
      await batch.getByTestId('mark-arrived').click();
      await page.locator('.t-dialog', { hasText: '每位顾客将收到' }).getByRole('button', { name: '确认到达' }).click();
      await batch.getByText('已到达').waitFor();
      const waiting = await backTo(detail);
      expect(waiting).toMatchObject({ statusLabel: '待取货', pickup: { pointName: '解放碑便民驿站' } });
      const code = (waiting.pickup as { code: string }).code;
      expect(code).toMatch(/^\d{6}$/);

      // 核销 at the counter: a wrong code is refused, the shopper's hands it over, a second scan says when.
      const result = page.getByTestId('verify-result');
      await choose(page, page.getByTestId('verify-point'), '解放碑便民驿站');
      const wrong = code === '000000' ? '000001' : '000000';
      await page.getByTestId('verify-code').locator('input').fill(wrong);
      await page.getByTestId('verify-submit').click();
      await result.getByText('取货码不正确，或该订单不在本自提点').waitFor();
      await page.getByTestId('verify-code').locator('input').fill(code);
      await page.getByTestId('verify-submit').click();
      await result.getByText('核销成功，请交付商品').waitFor();
      expect((await backTo(detail)).statusLabel).toBe('已取货');
      await page.getByTestId('verify-code').locator('input').fill(code);
      await page.getByTestId('verify-submit').click();
      await result.getByText(/已于 \d{4}-\d\d-\d\d \d\d:\d\d:\d\d 取货，请勿重复交付/).waitFor();

      // Past its after-sales window, completeOrders completes it.
      await platform.update('orders', { _id: orderId }, { $set: { afterSaleEndsAt: Date.now() - 1_000 } });
      expect((await job(platform, 'completeOrders')).completed).toBeGreaterThanOrEqual(1);
      expect(await backTo(detail)).toMatchObject({ statusLabel: '已完成', canApplyAfterSale: false });
      expect(pageErrors).toEqual([]);
    },
    STORY_TIMEOUT,
  );
});
