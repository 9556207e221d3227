/**
 * The console as `npm start` serves it, for the browser tests: the built console on the emulator's static
 * hosting, the bundled functions (adminApi behind the HTTP access service, the shopper's gateway), the seed's
 * catalogue and demo staff, and Chromium. `useSeededConsole()` starts it all before the file's tests and
 * stops it after (nothing starts where Chromium is missing); `signIn(account)` opens a new tab (its own session) signed in as a demo staff account.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

import { chongqingSeed, DEMO_STAFF, demoStaffAccounts } from '../../emulator/seed/chongqing';
import { ADMIN_CONSOLE_BASE } from '../../shared/src/contracts/admin/http';
import { type Platform, startPlatform } from '../../testing/platform';
import { type Browser, chromiumMissing, launchChromium } from './browser';
import { builtConsole } from './console-build';

export interface SeededConsole {
  readonly platform: Platform;
  /** The console's address, ending in `/`. */
  readonly url: string;
  /** Every uncaught error any tab reported. */
  readonly pageErrors: string[];
  signIn(account: string): Promise<Page>;
}

export function useSeededConsole(): SeededConsole {
  let browser: Browser | undefined;
  let platform: Platform | undefined;
  const pageErrors: string[] = [];
  const started = () => {
    if (!browser || !platform) throw new Error('the seeded console starts before the tests, in beforeAll');
    return { browser, platform };
  };
  const consoleUrl = () => `${started().platform.emulator.url}${ADMIN_CONSOLE_BASE}`;

  beforeAll(async () => {
    if (chromiumMissing()) return;
    const [dir, launched] = await Promise.all([builtConsole(), launchChromium()]);
    browser = launched;
    platform = await startPlatform({ staticSites: [{ path: ADMIN_CONSOLE_BASE, dir }] });
    const now = Date.now();
    for (const [collection, docs] of Object.entries(chongqingSeed(now))) await platform.insert(collection, docs);
    await platform.insert('staff', await demoStaffAccounts(now));
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  return {
    get platform() {
      return started().platform;
    },
    get url() {
      return consoleUrl();
    },
    pageErrors,
    async signIn(account) {
      const member = DEMO_STAFF.find((m) => m.account === account);
      if (!member) throw new Error(`the seed has no staff account ${account}`);
      const page = await started().browser.context.newPage();
      page.on('pageerror', (error) => pageErrors.push(error.message));
      const url = consoleUrl();
      await page.goto(url);
      await page.getByPlaceholder('请输入账号').fill(member.account);
      await page.getByPlaceholder('请输入密码').fill(member.password);
      await page.getByRole('button', { name: '登录' }).click();
      await page.waitForURL(`${url}workbench`);
      return page;
    },
  };
}
