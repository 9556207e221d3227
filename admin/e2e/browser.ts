/**
 * Real Chromium for the console's browser tests: Debian's `chromium` driven by `playwright-core` (which
 * downloads nothing), headless, with a fresh profile each launch, and no way out to the internet: no host name
 * but 127.0.0.1 resolves, and every request elsewhere is recorded, so a test can assert the console made none.
 * Transitions and animations are off, so a dialog is there the moment it opens. Requests are not intercepted
 * (a route handler would pass every one of them through the test process): the console's browser CPU per run
 * went from 75 to 58 s with both changes.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

/**
 * A browser story's budget. A story walks the console (and the shopper's pages) through many calls: the longest,
 * fulfilment's express story, takes 9 s alone, 19 s beside the rest of the suite and 35 s with the other core
 * busy, which stays under a third of this.
 */
export const STORY_TIMEOUT = 120_000;

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  // Nothing but 127.0.0.1 resolves: a request anywhere else fails in Chromium itself, without a round trip
  // through the test for every request the console makes.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];

/** Why the browser tests cannot run here, or undefined when they can. */
export function chromiumMissing(): string | undefined {
  if (existsSync(CHROMIUM_PATH)) return undefined;
  return `${CHROMIUM_PATH} not found: install Debian's chromium (apt-get install -y chromium; .ci/run does) or set CHROMIUM_PATH`;
}

export interface Browser {
  readonly context: BrowserContext;
  /** Requests the console tried to make to anywhere but 127.0.0.1 (none resolves). */
  readonly outsideRequests: readonly string[];
  close(): Promise<void>;
}

export async function launchChromium(): Promise<Browser> {
  const profile = await mkdtemp(join(tmpdir(), 'shancheng-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
    locale: 'zh-CN',
    timeout: 60_000,
  });
  context.setDefaultTimeout(20_000);
  // No transitions or animations: a dialog is there the moment it opens, as with prefers-reduced-motion.
  await context.addInitScript(() => {
    const style = document.createElement('style');
    style.textContent = '*, *::before, *::after { transition: none !important; animation: none !important; }';
    document.addEventListener('DOMContentLoaded', () => document.head.append(style));
  });
  const outsideRequests: string[] = [];
  context.on('request', (request) => {
    const url = request.url();
    if (/^https?:/.test(url) && new URL(url).hostname !== '127.0.0.1') outsideRequests.push(url);
  });
  return {
    context,
    outsideRequests,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
