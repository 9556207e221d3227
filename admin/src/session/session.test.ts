import type { Staff } from '@shared/admin-client';
import { describe, expect, it } from 'vitest';

import { createSessionStore, SESSION_STORAGE_KEY, type SessionStorageLike, type StaffSession } from './session';

class MemoryStorage implements SessionStorageLike {
  readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

const staff: Staff = {
  staffId: 's-2',
  account: 'mch01',
  name: '李老板',
  role: 'merchant',
  merchantId: 'm-1',
  mustChangePassword: true,
};
const signedIn: StaffSession = { token: 'tok_'.repeat(11), expiresAt: 1_800_000_000_000, staff };

describe('the session', () => {
  it('survives a reload of the page through storage, and ends with sign-out', () => {
    const storage = new MemoryStorage();
    const first = createSessionStore(storage);
    expect(first.current.value).toBeNull();
    first.signIn(signedIn);
    expect(first.token()).toBe(signedIn.token);

    const reloaded = createSessionStore(storage);
    expect(reloaded.current.value).toEqual(signedIn);
    reloaded.updateStaff({ ...staff, mustChangePassword: false });
    expect(createSessionStore(storage).current.value?.staff.mustChangePassword).toBe(false);

    reloaded.signOut('登录已失效，请重新登录');
    expect(reloaded.current.value).toBeNull();
    expect(reloaded.notice.value).toBe('登录已失效，请重新登录');
    expect(storage.items.has(SESSION_STORAGE_KEY)).toBe(false);
    reloaded.signIn(signedIn);
    expect(reloaded.notice.value).toBeNull();
  });

  it('drops a stored value that is not a session', () => {
    const storage = new MemoryStorage();
    storage.setItem(SESSION_STORAGE_KEY, JSON.stringify({ token: 'short', staff }));
    expect(createSessionStore(storage).current.value).toBeNull();
    expect(storage.items.has(SESSION_STORAGE_KEY)).toBe(false);
    storage.setItem(SESSION_STORAGE_KEY, '{not json');
    expect(createSessionStore(storage).current.value).toBeNull();
  });

  it('lives in memory when storage refuses', () => {
    const broken: SessionStorageLike = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
      removeItem: () => {
        throw new Error('denied');
      },
    };
    const store = createSessionStore(broken);
    store.signIn(signedIn);
    expect(store.token()).toBe(signedIn.token);
    store.signOut();
    expect(store.current.value).toBeNull();
  });
});
