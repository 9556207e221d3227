/**
 * Share refs against the emulator with the real wx-server-sdk, in-process: the random draw is scripted
 * so that a ref another user already holds comes up, which is otherwise a one-in-10^12 event.
 */
import type * as Crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startPlatform, type Platform } from '../../../../testing/platform';

/** Refs the next draws return, in order; real random draws once it is empty. */
const scripted: string[] = [];
const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';
let pending: number[] = [];

vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof Crypto>();
  return {
    ...real,
    randomInt: (max: number) => {
      if (pending.length === 0 && scripted.length > 0)
        pending = [...(scripted.shift() ?? '')].map((c) => ALPHABET.indexOf(c));
      return pending.length > 0 ? (pending.shift() ?? 0) : real.randomInt(max);
    },
  };
});

const { createUser, ensureUserWithRef, findUserByRef } = await import('./user.repository');

let platform: Platform;

beforeAll(async () => {
  platform = await startPlatform();
  Object.assign(process.env, platform.emulator.env);
});
afterAll(async () => {
  await platform.stop();
});

const user = (openid: string, extra: Record<string, unknown> = {}) => ({
  _id: openid,
  nickname: '',
  avatarUrl: '',
  roles: ['shopper'],
  createdAt: 1,
  ...extra,
});

describe('share refs', () => {
  it('draws again when a new user’s ref is already held by someone else', async () => {
    await platform.insert('users', [user('o-holder', { ref: 'aaaaaaaa' })]);
    scripted.push('aaaaaaaa', 'bbbbbbbb');
    const created = await createUser('o-newcomer', 1000);
    expect(created?.ref).toBe('bbbbbbbb');
    expect((await platform.get('users', 'o-newcomer'))?.ref).toBe('bbbbbbbb');
    expect((await platform.get('users', 'o-holder'))?.ref).toBe('aaaaaaaa');
    expect(await createUser('o-newcomer', 2000)).toBeNull();
    expect(scripted).toEqual([]);
  });

  it('draws again when the ref given to a user from before refs is taken', async () => {
    await platform.insert('users', [user('o-old'), user('o-holder-2', { ref: 'cccccccc' })]);
    scripted.push('cccccccc', 'dddddddd');
    expect((await ensureUserWithRef('o-old', 1000)).ref).toBe('dddddddd');
    expect((await platform.get('users', 'o-old'))?.ref).toBe('dddddddd');
    expect((await ensureUserWithRef('o-old', 2000)).ref).toBe('dddddddd');
  });

  it('finds a user by ref with their public profile; the oldest wins if two ever share one', async () => {
    await platform.insert('users', [
      user('o-twin-young', { ref: 'eeeeeeee', nickname: '小', createdAt: 20 }),
      user('o-twin-old', { ref: 'eeeeeeee', nickname: '老', avatarUrl: 'https://img/o.png', createdAt: 10 }),
    ]);
    expect(await findUserByRef('eeeeeeee')).toEqual({
      openid: 'o-twin-old',
      nickname: '老',
      avatarUrl: 'https://img/o.png',
    });
    expect(await findUserByRef('ffffffff')).toBeNull();
  });
});
