/**
 * The built console in real Chromium (built once per run, `console-build.ts`):
 * - with no server behind it: the login page loads, and signing in while the API is down shows the Chinese
 *   network message in the page instead of breaking it;
 * - on a real emulator, as `npm start` serves it: the bundled functions (adminApi behind the HTTP access
 *   service), the seed's demo staff, and the console on the emulator's static hosting. Ops and a merchant sign
 *   in and see the menu their role may use; a merchant who types an ops page's address is shown 无权限 and the
 *   server refuses the action; after 退出登录 the session is refused; ops runs a job from 任务 as a dry run and
 *   sees its report and its run, and creates an account in 员工 and is shown its temporary password once.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DEMO_STAFF, demoStaffAccounts } from '../../emulator/seed/chongqing';
import { groupDoc, seedCatalog } from '../../shared/src/server/testing/group-buy.fixtures';
import { type Emulator, startEmulator } from '../../emulator/src/index';
import { ADMIN_API_PREFIX, ADMIN_CONSOLE_BASE } from '../../shared/src/contracts/admin/http';
import { NETWORK_ERROR_MESSAGE } from '../src/api/client';
import { menuFor } from '../src/layouts/menu';
import { consoleRoutes } from '../src/router/routes';
import { SESSION_STORAGE_KEY } from '../src/session/session';
import { type Browser, chromiumMissing, launchChromium } from './browser';
import { builtConsole } from './console-build';
import { type ConsoleServer, serveConsole } from './static-server';

/** A 1×1 PNG. */
const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

const missing = chromiumMissing();
if (missing) console.warn(`[browser tests] skipped: ${missing}`);

let outDir: string;
let browser: Browser;

beforeAll(async () => {
  if (missing) return;
  outDir = await builtConsole();
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
});

describe.skipIf(missing !== undefined)('the console in Chromium, without a server', () => {
  let server: ConsoleServer;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await serveConsole(outDir);
    page = await browser.context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterAll(async () => {
    await page?.close();
    await server?.close();
  });

  /** The console's address with no session: the router takes it to the login page. */
  async function openConsole(): Promise<void> {
    await page.goto(server.consoleUrl);
    await page.waitForURL(`${server.consoleUrl}login?redirect=/workbench`);
    await page.getByRole('button', { name: '登录' }).waitFor();
  }

  it('opens on the login page with its title and fields', async () => {
    await openConsole();
    await expect.poll(() => page.title()).toBe('登录 · 山城拼团管理后台');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('山城拼团 · 管理后台');
    expect(await page.getByText('账号', { exact: true }).isVisible()).toBe(true);
    expect(await page.getByText('密码', { exact: true }).isVisible()).toBe(true);
    expect(await page.getByPlaceholder('请输入账号').isEditable()).toBe(true);
    expect(await page.getByPlaceholder('请输入密码').getAttribute('type')).toBe('password');
    // TDesign's styles came with the page's lazy chunk: the primary button wears the brand colour.
    const background = await page
      .getByRole('button', { name: '登录' })
      .evaluate((button) => getComputedStyle(button).backgroundColor);
    expect(background).toBe('rgb(0, 82, 217)');
  });

  it('checks the fields before sending anything', async () => {
    await openConsole();
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText('请输入账号').waitFor();
    await page.getByText('请输入密码').waitFor();
  });

  it('shows the Chinese network message when the API is down, and stays usable', async () => {
    await openConsole();
    await page.getByPlaceholder('请输入账号').fill('ops01');
    await page.getByPlaceholder('请输入密码').fill('chongqing2026');
    await page.getByRole('button', { name: '登录' }).click();
    const error = page.getByTestId('login-error');
    await error.waitFor();
    expect(await error.textContent()).toContain(NETWORK_ERROR_MESSAGE);
    expect(new URL(page.url()).pathname).toBe('/console/login');
    expect(await page.getByRole('button', { name: '登录' }).isEnabled()).toBe(true);
    expect(pageErrors).toEqual([]);
    expect(browser.outsideRequests).toEqual([]);
  });
});

describe.skipIf(missing !== undefined)('the console in Chromium, on the emulator with the demo staff', () => {
  let emulator: Emulator;
  let consoleUrl: string;
  const pageErrors: string[] = [];
  const opened: Page[] = [];

  const staff = (role: 'ops' | 'merchant') => {
    const member = DEMO_STAFF.find((m) => m.role === role);
    if (!member) throw new Error(`the seed has no ${role}`);
    return member;
  };

  beforeAll(async () => {
    emulator = await startEmulator({
      port: 0,
      memory: true,
      staticSites: [{ path: ADMIN_CONSOLE_BASE, dir: outDir }],
    });
    await emulator.insert('staff', await demoStaffAccounts(Date.now()));
    consoleUrl = `${emulator.url}${ADMIN_CONSOLE_BASE}`;
  });

  afterAll(async () => {
    for (const page of opened) await page.close();
    await emulator?.stop();
  });

  /** A new tab (its own sessionStorage, so its own session), signed in on the login page. */
  async function signIn(role: 'ops' | 'merchant'): Promise<Page> {
    const page = await browser.context.newPage();
    opened.push(page);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(consoleUrl);
    await page.getByPlaceholder('请输入账号').fill(staff(role).account);
    await page.getByPlaceholder('请输入密码').fill(staff(role).password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${consoleUrl}workbench`);
    await page.getByTestId('signed-in-staff').waitFor();
    return page;
  }

  const menu = (page: Page) => page.locator('.t-menu__item').allTextContents();
  const trimmed = async (page: Page) => (await menu(page)).map((text) => text.trim());
  /** The menu a role should see: the routes' own table, so a new page needs no edit here. */
  const menuOf = (role: 'ops' | 'merchant') => menuFor(role, consoleRoutes).map((entry) => entry.title);

  /** The session token the tab holds. */
  const tokenOf = (page: Page) =>
    page.evaluate(
      (key) => (JSON.parse(sessionStorage.getItem(key) ?? 'null') as { token: string }).token,
      SESSION_STORAGE_KEY,
    );

  const callApi = (action: string, token: string) =>
    fetch(`${emulator.url}${ADMIN_API_PREFIX}/${action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: '{}',
    });

  it('signs ops in, with 审计日志 in the menu, and opens it', async () => {
    const page = await signIn('ops');
    expect(await page.getByTestId('signed-in-staff').textContent()).toContain(staff('ops').name);
    expect(menuOf('ops')).toEqual(expect.arrayContaining(['任务', '员工', '审计日志']));
    await expect.poll(() => trimmed(page)).toEqual(menuOf('ops'));
    await page.locator('.t-menu__item', { hasText: '审计日志' }).click();
    await page.waitForURL(`${consoleUrl}system/audit-logs`);
    await page.getByTestId('audit-table').getByText('staffLogin').first().waitFor();
  });

  it('shows ops the live monitor, and draws its charts with ECharts loaded on the page', async () => {
    expect(menuOf('ops')).toContain('实时监控');
    expect(menuOf('merchant')).toContain('实时监控');
    const page = await signIn('ops');
    await page.locator('.t-menu__item', { hasText: '实时监控' }).click();
    await page.waitForURL(`${consoleUrl}monitor`);
    await page.getByTestId('live-monitor').waitFor();
    expect(Number(await page.getByTestId('stat-forming').locator('b').textContent())).toBeGreaterThanOrEqual(0);
    await page.getByTestId('monitor-activities').waitFor();
    await expect.poll(() => page.locator('[data-testid="monitor-chart"] canvas').count()).toBe(2);
  });

  it('lets ops open a group ending soon from the monitor, extend it and close it, each with a reason', async () => {
    const fx = await seedCatalog((collection, docs) => emulator.insert(collection, docs).then(() => undefined));
    const groupId = 'G-e2e-ending-soon';
    const deadlineAt = Date.now() + 30 * 60_000;
    const merchantId = `m-test-${fx.activityId.slice('a-test-'.length)}`;
    await emulator.insert('groups', [groupDoc(fx, groupId, 'o-e2e-leader', { merchantId, deadlineAt })]);
    const page = await signIn('ops');
    const token = await tokenOf(page);
    const detail = async () => {
      const response = await fetch(`${emulator.url}${ADMIN_API_PREFIX}/getGroupDetail`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ groupId }),
      });
      return ((await response.json()) as { data: { group: { status: string; deadlineAt: number; closedBy?: string } } })
        .data.group;
    };

    await page.locator('.t-menu__item', { hasText: '实时监控' }).click();
    await page.getByTestId('monitor-ending-soon').getByText(groupId).click();
    await page.getByTestId('group-detail').waitFor();

    await page.getByTestId('extend-group').click();
    const confirm = page.locator('.t-dialog').getByRole('button', { name: '确认' });
    await confirm.click();
    await page.getByText('请填写原因（至少 2 个字）').waitFor();
    expect((await detail()).deadlineAt).toBe(deadlineAt);
    await page.getByTestId('intervention-reason').locator('textarea').fill('商家补货，延长一小时');
    await confirm.click();
    await expect.poll(async () => (await detail()).deadlineAt).toBe(deadlineAt + 3_600_000);

    await page.getByTestId('close-group').click();
    await page.getByTestId('intervention-reason').locator('textarea').fill('商家缺货，关闭本团');
    await page.locator('.t-dialog').getByRole('button', { name: '确认' }).click();
    await expect.poll(async () => (await detail()).status).toBe('failed');
    expect((await detail()).closedBy).toBe('platform');
    await expect.poll(() => page.getByTestId('group-status').textContent()).toContain('平台关闭');
  });

  it('runs a job from 任务 as a dry run and shows its report; creates an account in 员工 and shows its temporary password once', async () => {
    const page = await signIn('ops');
    await page.locator('.t-menu__item', { hasText: '任务' }).click();
    await page.waitForURL(`${consoleUrl}system/jobs`);
    await page.getByTestId('run-expireGroups').click();
    await page.getByRole('button', { name: '试运行' }).click();
    await page.getByTestId('run-report').waitFor();
    expect(await page.getByTestId('run-report').textContent()).toContain('试运行完成');
    await page.keyboard.press('Escape');
    await page
      .getByTestId('runs-expireGroups')
      .getByText(`管理后台（${staff('ops').account}）`)
      .first()
      .waitFor();

    await page.getByTestId('history-expireGroups').click();
    await page
      .getByTestId('job-history')
      .getByText(`管理后台（${staff('ops').account}）`)
      .first()
      .waitFor();
    await page.keyboard.press('Escape');

    await page.locator('.t-menu__item', { hasText: '员工' }).click();
    await page.waitForURL(`${consoleUrl}system/staff`);
    await page.getByTestId('staff-table').getByText(staff('merchant').account, { exact: true }).waitFor();
    await page.getByTestId('create-staff').click();
    await page.getByTestId('staff-account').locator('input').fill('e2e-service');
    await page.getByTestId('staff-name').locator('input').fill('客服小王');
    await page.getByRole('button', { name: '创建' }).click();
    const shown = page.getByTestId('temporary-password');
    await expect.poll(async () => (await shown.textContent()) ?? '').toMatch(/^[A-Za-z0-9]{12}$/);
    const password = (await shown.textContent()) ?? '';
    await page.getByRole('button', { name: '我已记下' }).click();
    await page.getByTestId('staff-table').getByText('e2e-service', { exact: true }).waitFor();
    expect(await page.getByTestId('staff-table').textContent()).not.toContain(password);
  });

  it('shows a merchant no 审计日志; its typed address shows 无权限, and the server refuses the action (403)', async () => {
    const page = await signIn('merchant');
    for (const title of ['任务', '员工', '审计日志']) expect(menuOf('merchant')).not.toContain(title);
    await expect.poll(() => trimmed(page)).toEqual(menuOf('merchant'));

    await page.goto(`${consoleUrl}system/audit-logs`);
    await page.getByTestId('forbidden').waitFor();
    expect(await page.getByTestId('forbidden').textContent()).toContain('无权限');
    expect(new URL(page.url()).pathname).toBe(`${ADMIN_CONSOLE_BASE}403`);

    const refused = await callApi('listAuditLogs', await tokenOf(page));
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('lets a merchant create a product, upload its cover, put it on sale and adjust its stock', async () => {
    const merchantId = staff('merchant').merchantId ?? '';
    await emulator.insert('merchants', [
      { _id: merchantId, name: '老码头火锅', district: '渝中区', phone: '023-63800001', createdAt: Date.now() },
    ]);
    const page = await signIn('merchant');
    await page.locator('.t-menu__item', { hasText: '商品管理' }).click();
    await page.waitForURL(`${consoleUrl}catalog/products`);
    await page.getByText('没有符合条件的商品').waitFor();

    await page.getByTestId('new-product').click();
    await page.waitForURL(`${consoleUrl}catalog/products/new`);
    await page.getByTestId('product-title').locator('input').fill('老码头牛油火锅底料');
    await page.getByPlaceholder('如 水果、调味').fill('调味');
    await page.getByPlaceholder('如 5 斤装').fill('400g');
    await page.getByPlaceholder('39.90').fill('29.9');
    await page.getByPlaceholder('初始库存').fill('10');
    await page.getByTestId('save-product').click();
    await page.waitForURL((url) => /\/catalog\/products\/P[0-9a-z]+$/.test(url.pathname));

    // Nothing to show yet: 上架 is refused with the server's words.
    await page.getByTestId('list-product').click();
    await page.getByText('商品至少需要一张图片和一个规格才能上架').waitFor();

    await page.getByTestId('image-input').setInputFiles({ name: 'cover.png', mimeType: 'image/png', buffer: PNG_1X1 });
    await page.locator('.product__thumb').first().waitFor();
    await page.getByTestId('save-product').click();
    await page.getByText('已保存').waitFor();
    await page.getByTestId('list-product').click();
    await page.locator('.t-tag', { hasText: '上架中' }).waitFor();

    await page.getByText('调整库存', { exact: true }).click();
    await page.getByTestId('stock-delta').locator('input').fill('+5');
    await page.getByTestId('stock-reason').locator('input').fill('到货入库');
    await page.getByRole('button', { name: '确定' }).click();
    await page.getByText('可售 15 · 占用 0 · 已售 0').waitFor();

    await page.locator('.t-menu__item', { hasText: '商品管理' }).click();
    await page.getByTestId('products-table').getByText('老码头牛油火锅底料').waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('lets ops add a pickup point and deactivate it', async () => {
    const page = await signIn('ops');
    await page.locator('.t-menu__item', { hasText: '自提点' }).click();
    await page.waitForURL(`${consoleUrl}catalog/pickup-points`);
    // Other tests may have added points: look at this one alone.
    await page.getByTestId('pickup-point-filter').locator('input').fill('观音桥驿站');
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByText('没有符合条件的自提点').waitFor();

    await page.getByTestId('new-pickup-point').click();
    await page.getByPlaceholder('如 观音桥驿站').fill('观音桥驿站');
    await page.getByTestId('point-district').click();
    await page.locator('.t-select-option', { hasText: '江北区' }).click();
    await page.getByPlaceholder('街道、门牌号').fill('江北区观音桥步行街 8 号');
    await page.getByPlaceholder('如 106.5775').fill('116.4');
    await page.getByPlaceholder('如 29.5577').fill('29.5755');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('经度须在 105.2–110.2 之间（重庆）').waitFor();
    await page.getByPlaceholder('如 106.5775').fill('106.5313');
    await page.getByRole('button', { name: '保存' }).click();
    const table = page.getByTestId('pickup-points-table');
    await table.getByText('观音桥驿站').waitFor();

    await table.getByText('停用', { exact: true }).click();
    await page.locator('.t-popconfirm').getByRole('button', { name: '确定' }).click();
    await table.locator('.t-tag', { hasText: '已停用' }).waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('signs out to the login page, and the server refuses the session afterwards', async () => {
    const page = await signIn('ops');
    const token = await tokenOf(page);
    expect((await callApi('staffMe', token)).status).toBe(200);

    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL(`${consoleUrl}login`);
    await page.getByRole('button', { name: '登录' }).waitFor();
    expect(await page.evaluate((key) => sessionStorage.getItem(key), SESSION_STORAGE_KEY)).toBeNull();

    const after = await callApi('staffMe', token);
    expect(after.status).toBe(401);
    expect(await after.json()).toMatchObject({ ok: false, error: { code: 'SESSION_INVALID' } });
    expect(pageErrors).toEqual([]);
    expect(browser.outsideRequests).toEqual([]);
  });
});
