/**
 * 拼团活动 in real Chromium, on the emulator with the seed's catalogue and demo staff: a merchant sees its own
 * activities, makes a draft on its SKU (the form refuses a group price above the solo price beside the field,
 * in the domain's words, before anything is sent), previews what the shopper will see, and publishes it.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { chongqingSeed, DEMO_STAFF, demoStaffAccounts } from '../../emulator/seed/chongqing';
import { type Emulator, startEmulator } from '../../emulator/src/index';
import { ADMIN_CONSOLE_BASE } from '../../shared/src/contracts/admin/http';
import { type Browser, chromiumMissing, launchChromium } from './browser';
import { builtConsole } from './console-build';

const missing = chromiumMissing();
if (missing) console.warn(`[browser tests] skipped: ${missing}`);

let outDir: string;
let browser: Browser;
let emulator: Emulator;
let consoleUrl: string;
const pageErrors: string[] = [];

beforeAll(async () => {
  if (missing) return;
  outDir = await builtConsole();
  browser = await launchChromium();
  emulator = await startEmulator({ port: 0, memory: true, staticSites: [{ path: ADMIN_CONSOLE_BASE, dir: outDir }] });
  const now = Date.now();
  for (const [collection, docs] of Object.entries(chongqingSeed(now))) await emulator.insert(collection, docs);
  await emulator.insert('staff', await demoStaffAccounts(now));
  consoleUrl = `${emulator.url}${ADMIN_CONSOLE_BASE}`;
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await emulator?.stop();
});

async function signIn(account: string): Promise<Page> {
  const member = DEMO_STAFF.find((m) => m.account === account)!;
  const page = await browser.context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(consoleUrl);
  await page.getByPlaceholder('请输入账号').fill(member.account);
  await page.getByPlaceholder('请输入密码').fill(member.password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(`${consoleUrl}workbench`);
  return page;
}

describe.skipIf(missing !== undefined)('拼团活动 in Chromium, on the emulator', () => {
  it('lets a merchant draft, preview and publish an activity on its own SKU', async () => {
    const page = await signIn('jiangjin');
    await page.locator('.t-menu__item', { hasText: '拼团活动' }).click();
    await page.waitForURL(`${consoleUrl}activities`);
    const table = page.getByTestId('activities-table');
    await table.getByText('江津青花椒 新人 2 人团').waitFor();
    expect(await table.getByText('老火锅底料 3 人团').count()).toBe(0);

    await page.getByTestId('new-activity').click();
    const form = page.getByTestId('activity-form');
    await form.waitFor();
    await page.getByTestId('activity-sku').click();
    await page.locator('.t-select-option', { hasText: '250g' }).first().click();
    await page.getByTestId('activity-title').locator('input').fill('青花椒 浏览器测试团');
    await page.getByTestId('activity-group-price').locator('input').fill('39.90');
    await page.getByTestId('activity-solo-price').locator('input').fill('29.90');
    await page.getByRole('button', { name: '保存' }).click();
    await form.getByText('拼团价须低于单买价').waitFor();

    await page.getByTestId('activity-group-price').locator('input').fill('19.90');
    await expect.poll(() => form.getByText('拼团价须低于单买价').count()).toBe(0);
    await page.getByRole('button', { name: '保存' }).click();
    const row = table.locator('tr', { hasText: '青花椒 浏览器测试团' });
    await row.getByText('草稿').waitFor();

    await row.getByRole('button', { name: '预览' }).click();
    const preview = page.getByTestId('activity-preview');
    await preview.getByText('发布前顾客看不到这个活动').waitFor();
    expect(await page.getByTestId('activity-preview-card').textContent()).toContain('¥19.90');
    await page.keyboard.press('Escape');

    await row.getByTestId('activity-published').click();
    await page.locator('.t-popconfirm').getByRole('button', { name: '确定' }).click();
    // The form starts it at the next full hour: published, it is 未开始 until then.
    await row.getByText('未开始').waitFor();
    expect(pageErrors).toEqual([]);
  });
});
