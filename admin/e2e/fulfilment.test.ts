/**
 * Fulfilment and after-sales in real Chromium, on one emulator with the seed's catalogue and demo staff (the
 * merchant is 老码头, `laomatou`), the shopper's side through the functions as the mini-program calls them:
 * 1. an express order: the merchant ships it from 发货管理 with a carrier and a waybill; the shopper's track
 *    advances through the emulator's 快递100 sandbox; the shopper confirms receipt and asks to return it; the
 *    merchant approves on the request's page; the shopper sends the return's waybill; the merchant confirms
 *    the return received; the refund lands (the order 已退款, refunds never above what was paid).
 * 2. a pickup order: the merchant sends it to its point as a batch from 发货管理, marks the batch arrived on
 *    自提核销 and hands it over with the shopper's code (a second scan says it was collected); completeOrders
 *    completes it once its after-sales window has passed.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import { orderDetailLoaded, type Order } from '../../miniprogram/packages/order/pages/detail/view';
import type { Envelope } from '../../shared/src/kernel/envelope';
import { refundedOn, requestBody, uploadPhoto } from '../../shared/src/server/testing/after-sales';
import { data } from '../../shared/src/server/testing/envelopes';
import { job } from '../../shared/src/server/testing/ops';
import { answer, payAndSettle, place } from '../../shared/src/server/testing/shopper';
import { chromiumMissing } from './browser';
import { useSeededConsole } from './seeded-console';

const missing = chromiumMissing();
if (missing) console.warn(`[browser tests] skipped: ${missing}`);

const seeded = useSeededConsole();
const { pageErrors, signIn } = seeded;

const menu = (page: Page, title: string) =>
  page.locator('.t-menu__item', { hasText: new RegExp(`^\\s*${title}\\s*$`) });

/** Picks `label` in the TDesign select `select`. */
async function choose(page: Page, select: ReturnType<Page['getByTestId']>, label: string) {
  await select.click();
  await page.locator('.t-select-option', { hasText: label }).last().click();
}

/** The order as the mini-program's order page shows it (its own view logic over getOrder's answer). */
async function shopperSees(openid: string, orderId: string) {
  const body = await answer<Order>(seeded.platform, 'getOrder', openid, { orderId });
  const loaded = orderDetailLoaded(body as Envelope<Order>, Date.now());
  return loaded.state === 'ready' ? loaded.order.statusLabel : loaded.message;
}

/** 老码头's 牛油底料 400g (39.90), bought alone and paid by `openid`, delivered as `delivery` says. */
async function paidOrder(openid: string, delivery: Record<string, unknown>) {
  const placed = await place(seeded.platform, 'buySolo', openid, { skuId: 's-hotpot-base-400', quantity: 2, delivery });
  await payAndSettle(seeded.platform, placed.orderId);
  return placed;
}

const HOUR = 3_600_000;

/** A story walks several pages and many calls: not the default 30 s budget. */
const STORY_TIMEOUT = 90_000;

describe.skipIf(missing !== undefined)('the console in Chromium: fulfilment and after-sales', () => {
  it(
    'story 1: an express order is shipped, tracked, received, returned with the merchant’s approval and refunded',
    async () => {
      const { platform } = seeded;
      const shopper = 'o-ful-e2e-express';
      const address = {
        kind: 'address',
        name: '陈老板',
        phone: '13812345678',
        district: '渝中区',
        detail: '解放碑 1 号',
      };
      const { orderId, total } = await paidOrder(shopper, address);

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
      expect((await platform.get('orders', orderId))?.status).toBe('to_ship');
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
      expect(await platform.get('orders', orderId)).toMatchObject({
        status: 'shipped',
        shipment: { kind: 'express', carrier: 'yunda', trackingNo: '43100000E2E01', by: 'staff:laomatou' },
      });
      expect(await shopperSees(shopper, orderId)).toBe('已发货');

      // The shopper follows the parcel: not scanned yet, then ten hours on (the sandbox's clock), in transit.
      type Track = { kind: string; track?: { state: string; events: unknown[] } };
      const first = data(await answer<Track>(platform, 'getOrderTrack', shopper, { orderId }));
      expect(first).toMatchObject({ kind: 'express', track: { state: 'awaiting_collection', events: [] } });
      platform.emulator.kuaidi100.advance('yunda', '43100000E2E01', 10 * HOUR);
      // The order's track was checked an hour ago, as far as getOrderTrack can tell.
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
      const moving = data(await answer<Track>(platform, 'getOrderTrack', shopper, { orderId }));
      expect(moving.track?.state).toBe('in_transit');
      expect(moving.track?.events.length).toBeGreaterThan(0);

      // The shopper confirms receipt, then asks to return it all, with a photo.
      data(await answer(platform, 'confirmReceipt', shopper, { orderId }));
      expect(await shopperSees(shopper, orderId)).toBe('已收货');
      const photo = await uploadPhoto(platform, shopper);
      const asked = data(
        await answer<{ afterSaleId: string }>(
          platform,
          'requestAfterSale',
          shopper,
          requestBody(orderId, { type: 'return_refund', reason: 'damaged', description: '包装破了', photos: [photo] }),
        ),
      );
      const { afterSaleId } = asked;

      // 售后: the merchant opens the request and approves it.
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

      // The shopper sends the goods back; the merchant sees the parcel and confirms it arrived.
      data(
        await answer(platform, 'submitReturnParcel', shopper, {
          afterSaleId,
          carrier: 'ems',
          trackingNo: 'EM123456789CN',
        }),
      );
      await page.reload();
      await page.getByTestId('after-sale-parcels').getByText('EM123456789CN').waitFor();
      await page.getByTestId('after-sale-confirm_return').click();
      await page.locator('.t-dialog', { hasText: '确认收到退货' }).getByRole('button', { name: '确认' }).click();
      await page.getByTestId('after-sale-refund').waitFor();

      // The refund lands: the whole order, once, never more than was paid.
      await platform.settle();
      await page.reload();
      await status.getByText('已退款').waitFor();
      expect(await shopperSees(shopper, orderId)).toBe('已退款');
      const refunded = await refundedOn(platform, orderId);
      expect(refunded).toEqual({ recorded: total, count: 1, ledger: total, ledgerCount: 1 });
      expect(refunded.recorded).toBeLessThanOrEqual(total);
      expect(await platform.get('orders', orderId)).toMatchObject({ status: 'refunded', refundedAmount: total });
      expect(pageErrors).toEqual([]);
    },
    STORY_TIMEOUT,
  );

  it(
    'story 2: a pickup order goes to its point as a batch, arrives, is collected with its code once, and completes',
    async () => {
      const { platform } = seeded;
      const shopper = 'o-ful-e2e-pickup';
      const { orderId } = await paidOrder(shopper, { kind: 'pickup', pickupPointId: 'pp-jiefangbei' });

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
      const shipped = await platform.get('orders', orderId);
      expect(shipped).toMatchObject({
        status: 'shipped',
        shipment: { kind: 'pickup', pickupPointId: 'pp-jiefangbei' },
      });
      const batchId = (shipped?.shipment as { batchId: string }).batchId;

      // 自提核销: the batch, on its way, is marked arrived; the shopper gets a code.
      await menu(page, '自提核销').click();
      const batch = page.getByTestId('batches-table').locator('tr', { hasText: batchId });
      await batch.getByText('运输中').waitFor();
      await batch.getByTestId('mark-arrived').click();
      await page.locator('.t-dialog', { hasText: '每位顾客将收到' }).getByRole('button', { name: '确认到达' }).click();
      await batch.getByText('已到达').waitFor();
      expect(await shopperSees(shopper, orderId)).toBe('待取货');
      const seen = data(await answer<{ pickupCode?: string }>(platform, 'getOrder', shopper, { orderId }));
      const code = seen.pickupCode ?? '';
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
      expect(await shopperSees(shopper, orderId)).toBe('已取货');
      await page.getByTestId('verify-code').locator('input').fill(code);
      await page.getByTestId('verify-submit').click();
      await result.getByText(/已于 \d{4}-\d\d-\d\d \d\d:\d\d:\d\d 取货，请勿重复交付/).waitFor();

      // Past its after-sales window, completeOrders completes it.
      await platform.update('orders', { _id: orderId }, { $set: { afterSaleEndsAt: Date.now() - 1_000 } });
      expect((await job(platform, 'completeOrders')).completed).toBeGreaterThanOrEqual(1);
      expect(await platform.get('orders', orderId)).toMatchObject({ status: 'completed' });
      expect(await shopperSees(shopper, orderId)).toBe('已完成');
      expect(pageErrors).toEqual([]);
    },
    STORY_TIMEOUT,
  );
});
