import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openOrdersTab, takeOrdersTab } from './navigation';

let storage: Map<string, unknown>;
const switchTab = vi.fn();

beforeEach(() => {
  storage = new Map();
  switchTab.mockReset();
  vi.stubGlobal('wx', {
    setStorageSync: (key: string, value: unknown) => storage.set(key, value),
    getStorageSync: (key: string) => storage.get(key) ?? '',
    removeStorageSync: (key: string) => storage.delete(key),
    switchTab,
  });
});
afterEach(() => vi.unstubAllGlobals());

describe('navigation', () => {
  it('opens the orders tab on the asked tab, once', () => {
    openOrdersTab('awaiting_group');
    expect(switchTab).toHaveBeenCalledWith({ url: '/pages/orders/index' });
    expect(takeOrdersTab()).toBe('awaiting_group');
    expect(takeOrdersTab()).toBeUndefined();
  });

  it('ignores and forgets a tab it does not know', () => {
    storage.set('ordersTab', 'nonsense');
    expect(takeOrdersTab()).toBeUndefined();
    expect(storage.has('ordersTab')).toBe(false);
  });
});
