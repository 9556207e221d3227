/**
 * The console's two stories in real Chromium, on one emulator with the seed's catalogue and demo staff, the
 * bundled functions (adminApi behind the HTTP access service) and the gateway a shopper's mini-program calls:
 * 1. ops creates a product with an image through the console's form, an activity on it, and publishes it; a
 *    shopper opens a group and pays it; 实时监控 shows the group within 5 s; ops extends its deadline, then
 *    closes it with a refund; the shopper's order reads 已退款 as the mini-program's order page shows it; last,
 *    ops pause the activity from its row on 实时监控 (with a reason), and a shopper can no longer open a group.
 * 2. a merchant sees only its own products, activities and orders; it takes a product down (下架), and a
 *    shopper's attempt to open a group on it is refused with PRODUCT_OFF_SALE.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import { orderDetailLoaded, type Order } from '../../miniprogram/packages/order/pages/detail/view';
import type { Envelope } from '../../shared/src/kernel/envelope';
import { answer, payAndSettle, place } from '../../shared/src/server/testing/shopper';
import { chromiumMissing, STORY_TIMEOUT } from './browser';
import { useSeededConsole } from './seeded-console';

/** A 1×1 PNG. */
const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

const missing = chromiumMissing();
if (missing) console.warn(`[browser tests] skipped: ${missing}`);

const seeded = useSeededConsole();
const { pageErrors, signIn } = seeded;

const menu = (page: Page, title: string) =>
  page.locator('.t-menu__item', { hasText: new RegExp(`^\\s*${title}\\s*$`) });

/** A pickup point of the seed, in 渝中区 (inside every seeded activity's scope but the radius one). */
const pickup = { kind: 'pickup', pickupPointId: 'pp-jiefangbei' } as const;

/** The order as the mini-program's order page shows it (its own view logic over getOrder's answer). */
async function shopperSees(openid: string, orderId: string) {
  const { body } = await seeded.platform.call<Envelope<Order>>('getOrder', openid, { orderId });
  const loaded = orderDetailLoaded(body, Date.now());
  return loaded.state === 'ready' ? loaded.order.statusLabel : loaded.message;
}

describe.skipIf(missing !== undefined)('the console in Chromium: the stories', () => {
  it(
    'story 1: ops publishes a new product in a group, sees it opened on 实时监控, extends it, closes it with a refund, and pauses the activity',
    async () => {
      const page = await signIn('ops01');

      // A product for 磁器口陈麻花, with its cover uploaded through the form, on sale.
      await menu(page, '商品管理').click();
      await page.getByTestId('new-product').click();
      await page.waitForURL(`${seeded.url}catalog/products/new`);
      await page.locator('.t-form__item', { hasText: '商户' }).locator('.t-select').click();
      await page.locator('.t-select-option', { hasText: '磁器口陈麻花' }).click();
      await page.getByTestId('product-title').locator('input').fill('磁器口椒盐麻花 故事一');
      await page.getByPlaceholder('如 水果、调味').fill('零食');
      await page.getByPlaceholder('如 5 斤装').fill('500g');
      await page.getByPlaceholder('39.90').fill('25');
      await page.getByPlaceholder('初始库存').fill('50');
      await page.getByTestId('save-product').click();
      await page.waitForURL((url) => /\/catalog\/products\/P[0-9a-z]+$/.test(url.pathname));
      await page
        .getByTestId('image-input')
        .setInputFiles({ name: 'cover.png', mimeType: 'image/png', buffer: PNG_1X1 });
      await page.locator('.product__thumb').first().waitFor();
      await page.getByTestId('save-product').click();
      await page.getByText('已保存').waitFor();
      await page.getByTestId('list-product').click();
      await page.locator('.t-tag', { hasText: '上架中' }).waitFor();

      // An activity on it: a 2-person group valid for 1 hour, started before now, published.
      await menu(page, '拼团活动').click();
      await page.waitForURL(`${seeded.url}activities`);
      await page.getByTestId('new-activity').click();
      const form = page.getByTestId('activity-form');
      await form.waitFor();
      await page.getByTestId('activity-sku').click();
      await page.locator('.t-select-option', { hasText: '磁器口椒盐麻花 故事一' }).click();
      await page.getByTestId('activity-title').locator('input').fill('椒盐麻花 故事一 2 人团');
      await page.getByTestId('activity-group-price').locator('input').fill('15.90');
      await page.getByTestId('activity-solo-price').locator('input').fill('25.00');
      await form.locator('.t-form__item', { hasText: '成团人数' }).locator('input').fill('2');
      await form.locator('.t-form__item', { hasText: '成团时限' }).locator('input').fill('1');
      // The form starts a draft at the next full hour: pick the day before, at the same time.
      await form.locator('.t-form__item', { hasText: '开始时间' }).locator('input').click();
      const panel = page.locator('.t-date-picker__panel').last();
      const cells = panel.locator('td.t-date-picker__cell');
      const active = await cells.evaluateAll((tds) =>
        tds.findIndex((td) => td.classList.contains('t-date-picker__cell--active')),
      );
      if (active > 0) await cells.nth(active - 1).click();
      else {
        // The first day shown: the day before is the last of the month before.
        await panel.locator('.t-pagination-mini__prev').click();
        await panel.locator('td.t-date-picker__cell:not(.t-date-picker__cell--additional)').last().click();
      }
      await panel.getByRole('button', { name: '确定' }).click();
      await page.getByRole('button', { name: '保存' }).click();
      const table = page.getByTestId('activities-table');
      const row = table.locator('tr', { hasText: '椒盐麻花 故事一 2 人团' });
      await row.getByText('草稿').waitFor();
      await row.getByTestId('activity-published').click();
      await page.locator('.t-popconfirm').getByRole('button', { name: '确定' }).click();
      await row.getByText('进行中').waitFor();

      // 实时监控 is open when the shopper opens a group and pays.
      await menu(page, '实时监控').click();
      await page.getByTestId('monitor-activities').getByText('椒盐麻花 故事一 2 人团').waitFor();
      const [activity] = await seeded.platform.find('activities', { title: '椒盐麻花 故事一 2 人团' });
      const shopper = 'o-story-one-shopper';
      const opened = await place(seeded.platform, 'openGroup', shopper, {
        activityId: activity?._id,
        quantity: 1,
        delivery: pickup,
      });
      await payAndSettle(seeded.platform, opened.orderId);
      expect(await shopperSees(shopper, opened.orderId)).toBe('待成团');
      const groupId = opened.groupId as string;
      const groupRow = page.getByTestId('monitor-ending-soon').locator('tr', { hasText: groupId });
      // It refreshes every 4 s: the group shows within 5 s of being paid.
      await groupRow.waitFor({ timeout: 5_000 });
      const activityRow = page.getByTestId('monitor-activities').locator('tr', { hasText: '椒盐麻花 故事一 2 人团' });
      // Its row: 拼团中 1, 1小时内截止 1, 今日开团 1.
      expect((await activityRow.locator('td').allTextContents()).slice(3, 6)).toEqual(['1', '1', '1']);

      // Its detail: extend by an hour, then close it and refund the shopper, each with a reason.
      await groupRow.click();
      await page.getByTestId('group-detail').waitFor();
      const deadlineAt = (await seeded.platform.get('groups', groupId))?.deadlineAt as number;
      await page.getByTestId('extend-group').click();
      await page.getByTestId('intervention-reason').locator('textarea').fill('商家补货，延长一小时');
      await page.locator('.t-dialog').getByRole('button', { name: '确认' }).click();
      await expect
        .poll(async () => (await seeded.platform.get('groups', groupId))?.deadlineAt)
        .toBe(deadlineAt + 3_600_000);

      await page.getByTestId('close-group').click();
      await page.getByTestId('intervention-reason').locator('textarea').fill('商家缺货，关闭本团');
      await page.locator('.t-dialog').getByRole('button', { name: '确认' }).click();
      await expect.poll(() => page.getByTestId('group-status').textContent()).toContain('平台关闭');
      await seeded.platform.settle();
      await expect.poll(() => shopperSees(shopper, opened.orderId)).toBe('已退款');

      // Last, ops pause the activity from its row, with a reason: no one opens a group on it any more.
      await page.keyboard.press('Escape');
      await activityRow.getByTestId('monitor-pause').click();
      const dialog = page.locator('.t-dialog', { hasText: '暂停活动' });
      await dialog.getByRole('button', { name: '确认' }).click();
      await dialog.getByText('请填写原因（至少 2 个字）').waitFor();
      await page.getByTestId('pause-reason').locator('textarea').fill('商家临时缺货');
      await dialog.getByRole('button', { name: '确认' }).click();
      await activityRow.getByText('已暂停').waitFor();
      expect(await activityRow.getByTestId('monitor-pause').count()).toBe(0);
      const again = await answer(seeded.platform, 'openGroup', 'o-story-one-late', {
        activityId: activity?._id,
        quantity: 1,
        delivery: pickup,
      });
      expect(again).toMatchObject({ ok: false, error: { code: 'ACTIVITY_PAUSED' } });
      expect(pageErrors).toEqual([]);
    },
    STORY_TIMEOUT,
  );

  it(
    'story 2: a merchant sees only its own records, takes a product down, and a shopper can no longer open a group on it',
    async () => {
      // One order on laomatou's 双人火锅套餐, one on fengjie's 脐橙.
      const own = await place(seeded.platform, 'openGroup', 'o-story-two-a', {
        activityId: 'a-hotpot-set-4',
        quantity: 1,
        delivery: pickup,
      });
      const others = await place(seeded.platform, 'openGroup', 'o-story-two-b', {
        activityId: 'a-orange-5',
        quantity: 1,
        delivery: pickup,
      });

      const page = await signIn('laomatou');
      await menu(page, '商品管理').click();
      const products = page.getByTestId('products-table');
      await products.getByText('老码头双人火锅套餐').waitFor();
      await products.getByText('重庆老火锅牛油底料').waitFor();
      for (const title of ['奉节脐橙', '江津青花椒', '磁器口陈麻花', '磁器口椒盐麻花 故事一']) {
        expect(await products.getByText(title).count()).toBe(0);
      }

      await menu(page, '拼团活动').click();
      const activities = page.getByTestId('activities-table');
      await activities.getByText('双人火锅套餐 主城 4 人团').waitFor();
      await activities.getByText('老火锅底料 3 人团').waitFor();
      for (const title of ['奉节脐橙 5 人团', '江津青花椒 新人 2 人团', '椒盐麻花 故事一 2 人团']) {
        expect(await activities.getByText(title).count()).toBe(0);
      }

      await menu(page, '订单').click();
      const orders = page.getByTestId('orders-table');
      await orders.getByText(own.orderId).waitFor();
      expect(await orders.getByText(others.orderId).count()).toBe(0);

      // 下架 from its row, asked once more.
      await menu(page, '商品管理').click();
      const setRow = products.locator('tr', { hasText: '老码头双人火锅套餐' });
      await setRow.getByText('下架', { exact: true }).click();
      await page.locator('.t-popconfirm').getByRole('button', { name: '确定' }).click();
      await setRow.locator('.t-tag', { hasText: '已下架' }).waitFor();

      const refused = await answer(seeded.platform, 'openGroup', 'o-story-two-c', {
        activityId: 'a-hotpot-set-4',
        quantity: 1,
        delivery: pickup,
      });
      expect(refused).toMatchObject({ ok: false, error: { code: 'PRODUCT_OFF_SALE' } });
      expect(pageErrors).toEqual([]);
    },
    STORY_TIMEOUT,
  );
});
