/**
 * The built console in real Chromium, with no server behind it: the login page loads, and signing in
 * while the API is down shows the Chinese network message in the page instead of breaking it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildConsole } from '../../tools/build-admin.mjs';
import { NETWORK_ERROR_MESSAGE } from '../src/api/client';
import { type Browser, chromiumMissing, launchChromium } from './browser';
import { type ConsoleServer, serveConsole } from './static-server';

const missing = chromiumMissing();
if (missing) console.warn(`[browser tests] skipped: ${missing}`);

describe.skipIf(missing !== undefined)('the console in Chromium, without a server', () => {
  let outDir: string;
  let server: ConsoleServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'shancheng-console-'));
    await buildConsole({ outDir, logLevel: 'silent' });
    server = await serveConsole(outDir);
    browser = await launchChromium();
    page = await browser.context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (outDir) await rm(outDir, { recursive: true, force: true });
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
