/**
 * Runs pages' `index.ts` outside WeChat, for tests that walk a shopper through the real pages: `Page()`
 * is captured, each opened page is an instance with its own `data` and a `setData` that merges paths
 * (`'nearby.state'`), and lifecycles and handlers are called the way WeChat calls them. `wx` is a
 * stand-in (`fakeWx`): `wx.request` reaches the emulator's gateway, navigation is recorded, and every
 * other API answers with an empty success unless the test gives it an answer.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { vi } from 'vitest';

const miniprogramRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

type Handler = (...args: unknown[]) => unknown;
type Definition = Record<string, unknown> & { data?: Record<string, unknown> };

export interface PageInstance {
  readonly route: string;
  data: Record<string, unknown>;
  setData(patch: Record<string, unknown>, callback?: () => void): void;
  [member: string]: unknown;
}

export interface FakeWx {
  /** Every URL navigated to (navigateTo, redirectTo, switchTab), in order. */
  readonly navigations: string[];
  /** The titles of toasts shown. */
  readonly toasts: string[];
  /** Resolves once no request has been in flight for a few turns of the event loop. */
  idle(): Promise<void>;
  /** Forget the phone's storage (another shopper picks it up). */
  clearStorage(): void;
}

/** A response body as `wx.request` gives it: parsed JSON when it is JSON, else the text ('' for none). */
function responseData(text: string): unknown {
  try {
    return text === '' ? '' : (JSON.parse(text) as unknown);
  } catch {
    return text;
  }
}

/**
 * Installs `wx`: requests over fetch (an ArrayBuffer body sent as its bytes, as `wx.request` sends one), storage
 * in memory, navigation and toasts recorded.
 */
export function fakeWx(answers: Record<string, (options: Record<string, unknown>) => unknown> = {}): FakeWx {
  const storage = new Map<string, unknown>();
  const navigations: string[] = [];
  const toasts: string[] = [];
  let inFlight = 0;
  const request = (options: WechatMiniprogram.RequestOption) => {
    inFlight += 1;
    fetch(options.url, {
      method: options.method ?? 'GET',
      headers: options.header as Record<string, string>,
      body: options.data instanceof ArrayBuffer ? new Uint8Array(options.data) : JSON.stringify(options.data),
    })
      .then(async (res) => options.success?.({ statusCode: res.status, data: responseData(await res.text()) } as never))
      .catch((error: unknown) => options.fail?.({ errMsg: String(error) } as never))
      .finally(() => (inFlight -= 1));
  };
  const navigate = (options: { url: string }) => {
    navigations.push(options.url);
    return Promise.resolve({ errMsg: 'ok' });
  };
  const known: Record<string, unknown> = {
    request,
    navigateTo: navigate,
    redirectTo: navigate,
    switchTab: navigate,
    showToast: (options: { title: string }) => {
      toasts.push(options.title);
      return Promise.resolve({});
    },
    setStorageSync: (key: string, value: unknown) => storage.set(key, value),
    getStorageSync: (key: string) => storage.get(key) ?? '',
    removeStorageSync: (key: string) => storage.delete(key),
    cloud: { init: () => undefined },
    env: { USER_DATA_PATH: 'wxfile://usr' },
    ...Object.fromEntries(Object.entries(answers).map(([name, answer]) => [name, (o: never) => answer(o ?? {})])),
  };
  vi.stubGlobal(
    'wx',
    new Proxy(known, {
      get: (target, name: string) => (name in target ? target[name] : () => Promise.resolve({ errMsg: `${name}:ok` })),
    }),
  );
  return {
    navigations,
    toasts,
    clearStorage: () => storage.clear(),
    async idle() {
      for (let quiet = 0; quiet < 3;) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        quiet = inFlight === 0 ? quiet + 1 : 0;
      }
    },
  };
}

const definitions = new Map<string, Definition>();

/** Imports the page's module once and keeps the definition it gives `Page()`. */
async function definitionOf(route: string): Promise<Definition> {
  const known = definitions.get(route);
  if (known) return known;
  let captured: Definition | undefined;
  vi.stubGlobal('Page', (definition: Definition) => {
    captured = definition;
  });
  await import(/* @vite-ignore */ `${join(miniprogramRoot, route)}.ts`);
  if (!captured) throw new Error(`${route}.ts did not call Page()`);
  definitions.set(route, captured);
  return captured;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  const last = keys.pop() as string;
  let node = target;
  for (const key of keys) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[last] = value;
}

/**
 * Opens a page as WeChat would for `url` (`/packages/group/pages/group/index?groupId=G1`): a new
 * instance (its own copy of `data` and of the definition's fields), then `onLoad(query)` and `onShow()`.
 */
export async function openPage(url: string): Promise<PageInstance> {
  const [route = '', search = ''] = url.replace(/^\//, '').split('?');
  const query = Object.fromEntries(new URLSearchParams(search));
  const definition = await definitionOf(route);
  const page = { route } as PageInstance;
  for (const [key, value] of Object.entries(definition)) {
    page[key] = typeof value === 'function' ? (value as Handler).bind(page) : structuredClone(value);
  }
  page.data = structuredClone(definition.data ?? {});
  page.setData = (patch, callback) => {
    for (const [path, value] of Object.entries(patch)) setPath(page.data, path, structuredClone(value));
    callback?.();
  };
  await call(page, 'onLoad', query);
  await call(page, 'onShow');
  return page;
}

/** Calls a page's lifecycle or handler, as WeChat does (its promise, if any, is awaited). */
export async function call(page: PageInstance, name: string, ...args: unknown[]): Promise<unknown> {
  const member = page[name];
  if (typeof member !== 'function') return undefined;
  return (member as Handler)(...args);
}

/** A tap on an element with `data-*` attributes. */
export const tapOn = (dataset: Record<string, unknown>) => ({ currentTarget: { dataset }, detail: {} });

/** A component event carrying `detail`. */
export const eventWith = (detail: unknown) => ({ currentTarget: { dataset: {} }, detail });
