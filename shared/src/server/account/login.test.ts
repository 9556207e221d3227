/**
 * login end to end: bundled, in the emulator's runner with the real wx-server-sdk. Identity comes from the
 * WeChat context only; the first call creates the user with a share ref.
 */
import { describe, expect, it } from 'vitest';
import type { ResponseOf } from '../../contracts/contract';
import type { loginContract } from '../../contracts/login.contract';
import { data, refusal } from '../testing/envelopes';
import { pickupAt, seedCatalog } from '../testing/group-buy.fixtures';
import { caller, REF } from '../testing/shopper';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();
const call = caller(platform);
const { countingRoundTrips } = platform;

type Me = ResponseOf<typeof loginContract>;

describe('login', () => {
  it('creates the user with a share ref on the first call; later calls change nothing', async () => {
    const first = await countingRoundTrips(() => call<Me>('login', 'o-login-new', {}));
    console.log(`login (new user): ${first.trips} database round trips`);
    const me = data(first.result);
    expect(me).toEqual({
      openid: 'o-login-new',
      ref: expect.stringMatching(REF),
      nickname: '',
      avatarUrl: '',
      roles: ['shopper'],
      newCustomer: true,
    });
    const stored = await platform.get('users', 'o-login-new');
    expect(stored).toMatchObject({ ref: me.ref, roles: ['shopper'], quota: {}, quotaHolds: {} });

    const again = await countingRoundTrips(() => call<Me>('login', 'o-login-new', {}));
    console.log(`login (known user): ${again.trips} database round trips`);
    expect(again.trips).toBe(1);
    expect(data(again.result)).toEqual(me);
    expect(await platform.get('users', 'o-login-new')).toEqual(stored);
  });

  it('gives a user from before refs one, keeping everything else; a paid user is no new customer', async () => {
    await platform.insert('users', [
      {
        _id: 'o-login-old',
        nickname: '观音桥老王',
        avatarUrl: 'https://img/wang.png',
        roles: ['shopper', 'leader'],
        firstPaidAt: 1_700_000_000_000,
        quota: { 'a-1': 2 },
        quotaHolds: {},
        createdAt: 1_600_000_000_000,
      },
    ]);
    const me = data(await call<Me>('login', 'o-login-old', {}));
    expect(me).toEqual({
      openid: 'o-login-old',
      ref: expect.stringMatching(REF),
      nickname: '观音桥老王',
      avatarUrl: 'https://img/wang.png',
      roles: ['shopper', 'leader'],
      newCustomer: false,
    });
    expect(await platform.get('users', 'o-login-old')).toMatchObject({
      ref: me.ref,
      quota: { 'a-1': 2 },
      createdAt: 1_600_000_000_000,
    });
    expect(data(await call<Me>('login', 'o-login-old', {})).ref).toBe(me.ref);
  });

  it('agrees on one ref per shopper when two shoppers log in 20 times each at once', async () => {
    await platform.insert('users', [
      { _id: 'o-race-old', nickname: '', avatarUrl: '', roles: ['shopper'], createdAt: 1 }, // no ref yet
    ]);
    const openids = ['o-race-new', 'o-race-old'];
    const results = await Promise.all(
      Array.from({ length: 20 }, () => openids.map((openid) => call<Me>('login', openid, {}))).flat(),
    );
    const byOpenid = new Map<string, Set<string>>();
    for (const result of results) {
      const me = data(result);
      byOpenid.set(me.openid, (byOpenid.get(me.openid) ?? new Set()).add(me.ref));
    }
    expect([...byOpenid.keys()].sort()).toEqual(openids);
    const refs = openids.map((openid) => [...(byOpenid.get(openid) ?? [])]);
    expect(refs.map((r) => r.length)).toEqual([1, 1]);
    expect(refs[0]?.[0]).not.toBe(refs[1]?.[0]);
    for (const [i, openid] of openids.entries()) {
      expect((await platform.get('users', openid))?.ref).toBe(refs[i]?.[0]);
    }
    expect(await platform.find('users', { _id: { $in: openids } })).toHaveLength(2);
  });

  it('takes identity from the WeChat context only, and refuses a call from nobody or a malformed event', async () => {
    const me = data(await call<Me>('login', 'o-login-self', { openid: 'o-login-new', ref: 'aaaaaaaa' }));
    expect(me.openid).toBe('o-login-self');
    expect(me.ref).not.toBe('aaaaaaaa');
    expect(refusal(await call('login', undefined, {}))).toBe('UNAUTHENTICATED');
    // login takes no arguments (unknown keys are dropped); an event that is no object never reaches it.
    expect((await platform.call('login', 'o-login-bad', ['x'])).status).toBe(400);
    expect((await platform.call('login', 'o-login-bad', 'x')).status).toBe(400);
    expect(await platform.get('users', 'o-login-bad')).toBeNull();
  });

  it('gives a ref to a shopper whose first contact is an order', async () => {
    const fx = await seedCatalog((c, d) => platform.insert(c, d));
    await call('buySolo', 'o-login-buyer', { skuId: fx.skuId, quantity: 1, delivery: pickupAt(fx) });
    const stored = await platform.get('users', 'o-login-buyer');
    expect(stored?.ref).toMatch(REF);
    expect(data(await call<Me>('login', 'o-login-buyer', {})).ref).toBe(stored?.ref);
  });
});
