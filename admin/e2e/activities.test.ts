/**
 * 拼团活动 in real Chromium, on the emulator with the seed's catalogue and demo staff: a merchant sees its own
 * activities, makes a draft on its SKU (the form refuses a group price above the solo price beside the field,
 * in the domain's words, before anything is sent), previews what the shopper will see, publishes it, and gives it
 * a 团长 commission rule.
 */
import { describe, expect, it } from 'vitest';

import { chromiumMissing } from './browser';
import { useSeededConsole } from './seeded-console';

const missing = chromiumMissing();
if (missing) console.warn(`[browser tests] skipped: ${missing}`);

const seeded = useSeededConsole();
const { pageErrors, signIn } = seeded;

describe.skipIf(missing !== undefined)('拼团活动 in Chromium, on the emulator', () => {
  it('lets a merchant draft, preview and publish an activity on its own SKU', async () => {
    const page = await signIn('jiangjin');
    await page.locator('.t-menu__item', { hasText: '拼团活动' }).click();
    await page.waitForURL(`${seeded.url}activities`);
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

    // Its 团长 commission rule: refused beside the form in the domain's words, then set, then shown.
    await row.getByTestId('activity-commission').click();
    const commission = page.getByTestId('commission-form');
    await commission.waitFor();
    await page.getByTestId('commission-on').click();
    await page.getByTestId('commission-percent').locator('input').fill('25');
    await page.getByRole('button', { name: '保存' }).click();
    await commission.getByText('佣金比例须在 0.01% 到 20% 之间').waitFor();
    await page.getByTestId('commission-percent').locator('input').fill('8');
    await page.getByTestId('commission-bonus').locator('input').fill('5');
    await page.getByRole('button', { name: '保存' }).click();
    await commission.waitFor({ state: 'detached' });
    await row.getByTestId('activity-commission').click();
    await page.getByText('当前：实付 8%，成团奖励 ¥5.00').waitFor();
    expect(pageErrors).toEqual([]);
  });
});
