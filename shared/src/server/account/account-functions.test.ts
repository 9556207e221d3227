/**
 * The shopper's account end to end: login, updateProfile and listMyGroups, bundled, in the emulator's
 * runner with the real wx-server-sdk (content security through the openapi sandbox), over groups made
 * by the real write functions. Identity comes from the WeChat context only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from '../../../../testing/platform';
import { type CatalogFixture, pickupAt, seedCatalog } from '../testing/group-buy.fixtures';
import { data, type Envelope, refusal } from '../testing/envelopes';

let platform: Platform;
const actions: string[] = [];

beforeAll(async () => {
  platform = await startPlatform({ onRequest: (record) => actions.push(record.action) });
});
afterAll(async () => {
  await platform.stop();
});

type Me = { openid: string; ref: string; nickname: string; avatarUrl: string; roles: string[]; newCustomer: boolean };
type MyGroup = {
  groupId: string;
  status: string;
  role: string;
  size: number;
  seatsPaid: number;
  seatsLeft: number;
  openedAt: number;
  title: string;
  image: string;
};
type Page<T> = { items: T[]; hasMore: boolean };

const call = async <T>(name: string, openid: string | undefined, body: unknown) =>
  (await platform.call<Envelope<T>>(name, openid, body)).body;
const REF = /^[0-9a-z]{8}$/;

async function countingRoundTrips<T>(fn: () => Promise<T>): Promise<{ result: T; trips: number }> {
  await platform.settle();
  const start = actions.length;
  const result = await fn();
  return { result, trips: actions.slice(start).filter((a) => a.startsWith('database.')).length };
}

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

describe('updateProfile', () => {
  it('sets the trimmed nickname and the avatar; keeps the avatar when none is given', async () => {
    await call('login', 'o-prof', {});
    const { result, trips } = await countingRoundTrips(() =>
      call('updateProfile', 'o-prof', { nickname: '  南坪小王  ', avatarUrl: 'cloud://env/avatar/wang.png' }),
    );
    console.log(`updateProfile: ${trips} database round trips`);
    expect(trips).toBeLessThanOrEqual(2);
    expect(data(result)).toEqual({ nickname: '南坪小王', avatarUrl: 'cloud://env/avatar/wang.png' });
    expect(data(await call('updateProfile', 'o-prof', { nickname: '南坪老王' }))).toEqual({
      nickname: '南坪老王',
      avatarUrl: 'cloud://env/avatar/wang.png',
    });
    expect(await platform.get('users', 'o-prof')).toMatchObject({
      nickname: '南坪老王',
      avatarUrl: 'cloud://env/avatar/wang.png',
    });
    expect(data(await call<Me>('login', 'o-prof', {}))).toMatchObject({ nickname: '南坪老王' });
    // The same profile again is fine.
    expect(refusal(await call('updateProfile', 'o-prof', { nickname: '南坪老王' }))).toBe('ok');
  });

  it('creates the user when absent, with a ref', async () => {
    expect(data(await call('updateProfile', 'o-prof-new', { nickname: '江北吃货' }))).toEqual({
      nickname: '江北吃货',
      avatarUrl: '',
    });
    expect(await platform.get('users', 'o-prof-new')).toMatchObject({
      nickname: '江北吃货',
      ref: expect.stringMatching(REF),
    });
  });

  it('refuses a risky nickname (content security) and bad input, changing nothing', async () => {
    await call('updateProfile', 'o-prof-bad', { nickname: '老实人', avatarUrl: 'https://img/a.png' });
    const before = await platform.get('users', 'o-prof-bad');
    platform.emulator.openapi.setVerdicts({ blockedWords: ['代刷'] });
    try {
      const risky = await call('updateProfile', 'o-prof-bad', { nickname: '低价代刷', avatarUrl: 'https://img/b.png' });
      expect(risky).toEqual({ ok: false, error: { code: 'CONTENT_RISKY', message: expect.stringMatching(/[一-龥]/) } });
    } finally {
      platform.emulator.openapi.setVerdicts({ blockedWords: [] });
    }
    for (const body of [
      {},
      { nickname: '' },
      { nickname: '   ' },
      { nickname: '长'.repeat(33) },
      { nickname: 42 },
      { nickname: '老王', avatarUrl: 'http://img/a.png' },
      { nickname: '老王', avatarUrl: 'file:///etc/passwd' },
    ]) {
      expect(refusal(await call('updateProfile', 'o-prof-bad', body)), JSON.stringify(body)).toBe('INVALID_ARGUMENT');
    }
    expect(await platform.get('users', 'o-prof-bad')).toEqual(before);
    expect(refusal(await call('updateProfile', 'o-prof-nobody', { nickname: '' }))).toBe('INVALID_ARGUMENT');
    expect(await platform.get('users', 'o-prof-nobody')).toBeNull();
  });

  it('changes only the caller’s profile, whatever the event says', async () => {
    await call('updateProfile', 'o-prof-victim', { nickname: '受害人' });
    await call('updateProfile', 'o-prof-attacker', { nickname: '坏人', openid: 'o-prof-victim', _id: 'o-prof-victim' });
    expect(await platform.get('users', 'o-prof-victim')).toMatchObject({ nickname: '受害人' });
    expect(await platform.get('users', 'o-prof-attacker')).toMatchObject({ nickname: '坏人' });
    expect(refusal(await call('updateProfile', undefined, { nickname: '谁' }))).toBe('UNAUTHENTICATED');
  });
});

describe('listMyGroups', () => {
  const me = 'o-mg-me';
  const ids: Record<string, string> = {};
  let fx: CatalogFixture;

  const open = async (leader: string, pay = true) => {
    const opened = data(
      await call<{ groupId: string; orderId: string }>('openGroup', leader, {
        activityId: fx.activityId,
        quantity: 1,
        delivery: pickupAt(fx),
      }),
    );
    if (pay) await platform.pay(opened.orderId);
    return opened;
  };
  const join = async (groupId: string, member: string, pay = true) => {
    const joined = data(
      await call<{ orderId: string }>('joinGroup', member, { groupId, quantity: 1, delivery: pickupAt(fx) }),
    );
    if (pay) await platform.pay(joined.orderId);
  };

  beforeAll(async () => {
    fx = await seedCatalog((c, d) => platform.insert(c, d), { groupSize: 3, perUserLimit: 20 });
    ids.led = (await open(me)).groupId; // forming, me leading
    ids.pending = (await open(me, false)).groupId; // me leading, unpaid
    ids.abandoned = (await open(me, false)).groupId; // abandoned below: never listed
    ids.joined = (await open('o-mg-l1')).groupId;
    ids.reserved = (await open('o-mg-l2')).groupId;
    ids.failed = (await open('o-mg-l3')).groupId;
    ids.othersPending = (await open('o-mg-l4', false)).groupId;
    ids.others = (await open('o-mg-l5')).groupId;
    await platform.settle();
    await join(ids.joined, me);
    await join(ids.reserved, me, false); // a seat held, not yet paid
    await join(ids.failed, me);
    await join(ids.others, 'o-mg-other');
    await platform.settle();
    await platform.update('groups', { _id: ids.abandoned }, { $set: { status: 'abandoned' } });
    await platform.update('groups', { _id: ids.failed }, { $set: { status: 'failed' } });
    // Opening times one minute apart, in the order opened.
    const order = ['led', 'pending', 'abandoned', 'joined', 'reserved', 'failed', 'othersPending', 'others'];
    for (const [i, key] of order.entries()) {
      await platform.update('groups', { _id: ids[key] }, { $set: { openedAt: 1_800_000_000_000 + i * 60_000 } });
    }
  });

  it('lists the groups the caller opened or holds a seat in, newest first, a page at a time', async () => {
    const { result, trips } = await countingRoundTrips(() => call<Page<MyGroup>>('listMyGroups', me, {}));
    console.log(`listMyGroups: ${trips} database round trips`);
    expect(trips).toBe(1);
    const page = data(result);
    expect(page.hasMore).toBe(false);
    expect(page.items.map((g) => [g.groupId, g.role, g.status])).toEqual([
      [ids.failed, 'member', 'failed'],
      [ids.reserved, 'member', 'forming'],
      [ids.joined, 'member', 'forming'],
      [ids.pending, 'leader', 'pending'],
      [ids.led, 'leader', 'forming'],
    ]);
    expect(page.items[1]).toMatchObject({ size: 3, seatsPaid: 1, seatsLeft: 1, title: '老火锅底料 拼团' });
    expect(page.items[4]).toMatchObject({ seatsPaid: 1, seatsLeft: 2, image: 'cloud://test/p.jpg' });

    const first = data(await call<Page<MyGroup>>('listMyGroups', me, { limit: 2 }));
    const second = data(await call<Page<MyGroup>>('listMyGroups', me, { limit: 2, offset: 2 }));
    const third = data(await call<Page<MyGroup>>('listMyGroups', me, { limit: 2, offset: 4 }));
    expect([first.hasMore, second.hasMore, third.hasMore]).toEqual([true, true, false]);
    expect([...first.items, ...second.items, ...third.items]).toEqual(page.items);
  });

  it('never shows another shopper’s groups, nor their pending ones to members', async () => {
    const other = data(await call<Page<MyGroup>>('listMyGroups', 'o-mg-other', {}));
    expect(other.items.map((g) => [g.groupId, g.role])).toEqual([[ids.others, 'member']]);
    const leader = data(await call<Page<MyGroup>>('listMyGroups', 'o-mg-l4', {}));
    expect(leader.items.map((g) => [g.groupId, g.role])).toEqual([[ids.othersPending, 'leader']]);
    expect(data(await call<Page<MyGroup>>('listMyGroups', 'o-mg-nobody', {}))).toEqual({ items: [], hasMore: false });
    // An openid in the event is dropped: still the caller's own (empty) list.
    expect(data(await call<Page<MyGroup>>('listMyGroups', 'o-mg-nobody', { openid: me }))).toEqual({
      items: [],
      hasMore: false,
    });
  });

  it('refuses a bad page with INVALID_ARGUMENT', async () => {
    for (const body of [
      { limit: 0 },
      { limit: 51 },
      { offset: -1 },
      { offset: 1001 },
      { limit: 2.5 },
      { limit: '5' },
    ]) {
      expect(refusal(await call('listMyGroups', me, body)), JSON.stringify(body)).toBe('INVALID_ARGUMENT');
    }
    expect(refusal(await call('listMyGroups', undefined, {}))).toBe('UNAUTHENTICATED');
  });
});
