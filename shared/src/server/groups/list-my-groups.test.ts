/**
 * listMyGroups end to end: bundled, in the emulator's runner with the real wx-server-sdk, over groups made
 * by the real write functions and paid through the CloudPay sandbox.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ResponseOf } from '../../contracts/contract';
import type { listMyGroupsContract } from '../../contracts/list-my-groups.contract';
import { data, refusal } from '../testing/envelopes';
import { type CatalogFixture, seedCatalog } from '../testing/group-buy.fixtures';
import { caller, joinGroupAs, openGroupAs } from '../testing/shopper';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();
const call = caller(platform);
const { countingRoundTrips } = platform;

type MyGroup = ResponseOf<typeof listMyGroupsContract>['items'][number];
type Page<T> = { items: T[]; hasMore: boolean };

describe('listMyGroups', () => {
  const me = 'o-mg-me';
  const ids: Record<string, string> = {};
  let fx: CatalogFixture;

  const open = (leader: string, pay = true) => openGroupAs(platform, fx, leader, pay);
  const join = (groupId: string, member: string, pay = true) => joinGroupAs(platform, fx, groupId, member, pay);

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
    await join(ids.joined, me);
    await join(ids.reserved, me, false); // a seat held, not yet paid
    await join(ids.failed, me);
    await join(ids.others, 'o-mg-other');
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
