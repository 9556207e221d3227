/**
 * getGroup end to end: bundled, in the emulator's runner, called through the gateway, over groups made by
 * the real write functions and paid through the CloudPay sandbox. Database round trips are counted by the
 * emulator.
 */
import { describe, expect, it } from 'vitest';
import type { ResponseOf } from '../../contracts/contract';
import type { getGroupContract } from '../../contracts/get-group.contract';
import { data, refusal } from '../testing/envelopes';
import { type CatalogOptions, seedCatalog } from '../testing/group-buy.fixtures';
import { addUser, caller, joinGroupAs, openGroupAs, payAndSettle } from '../testing/shopper';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();
const call = caller(platform);
const { countingRoundTrips } = platform;
const seed = (options: CatalogOptions = {}) => seedCatalog((c, d) => platform.insert(c, d), options);

type GroupView = ResponseOf<typeof getGroupContract>;

describe('getGroup', () => {
  it('shows the public view: masked members who paid, seats, share title; a pending group only to its leader', async () => {
    const fx = await seed({ groupSize: 4, groupPrice: 2990, soloPrice: 3990 });
    await addUser(platform, 'o-gg-lead', '解放碑吃货', 'https://img/lead.png');
    await addUser(platform, 'o-gg-m1', '张三', 'https://img/m1.png');
    await addUser(platform, 'o-gg-m2', '');

    const { groupId } = await openGroupAs(platform, fx, 'o-gg-lead', false);
    // Pending: the leader sees it; nobody else can tell it exists.
    expect(refusal(await call('getGroup', 'o-gg-visitor', { groupId }))).toBe('NOT_FOUND');
    expect(await call('getGroup', 'o-gg-visitor', { groupId })).toEqual(
      await call('getGroup', 'o-gg-visitor', { groupId: 'G-missing' }),
    );
    expect(data(await call<GroupView>('getGroup', 'o-gg-lead', { groupId }))).toMatchObject({
      status: 'pending',
      viewer: 'leader',
      joinable: false,
      members: [{ nickname: '解**货', avatarUrl: 'https://img/lead.png', isLeader: true }],
    });

    const [leaderOrder] = await platform.find('orders', { groupId, openid: 'o-gg-lead' });
    await payAndSettle(platform, String(leaderOrder?._id));
    await joinGroupAs(platform, fx, groupId, 'o-gg-m1');
    await joinGroupAs(platform, fx, groupId, 'o-gg-m2', false);

    const { result, trips } = await countingRoundTrips(() => call<GroupView>('getGroup', 'o-gg-visitor', { groupId }));
    const view = data(result);
    console.log(`getGroup: ${trips} database round trips`);
    expect(trips).toBeLessThanOrEqual(2);
    const stored = await platform.get('groups', groupId);
    expect(view).toEqual({
      groupId,
      activityId: fx.activityId,
      status: 'forming',
      title: '老火锅底料 拼团',
      spec: '400g',
      image: 'cloud://test/p.jpg',
      groupPrice: 2990,
      soloPrice: 3990,
      size: 4,
      seatsPaid: 2,
      seatsLeft: 1,
      // o-gg-m2 holds a seat but has not paid: not shown.
      members: [
        { nickname: '解**货', avatarUrl: 'https://img/lead.png', isLeader: true },
        { nickname: '张*', avatarUrl: 'https://img/m1.png', isLeader: false },
      ],
      deadlineAt: stored?.deadlineAt,
      shareTitle: '【还差1人】29.9元拼老火锅底料 拼团',
      joinable: true,
      viewer: 'visitor',
    });
    expect(data(await call<GroupView>('getGroup', 'o-gg-m2', { groupId }))).toMatchObject({
      viewer: 'member',
      joinable: false,
    });

    // The unpaid member pays: shown as 微信用户 (no nickname). A member never seen before joins the last seat.
    const [m2Order] = await platform.find('orders', { groupId, openid: 'o-gg-m2' });
    await payAndSettle(platform, String(m2Order?._id));
    await joinGroupAs(platform, fx, groupId, 'o-gg-m3');
    const done = data(await call<GroupView>('getGroup', 'o-gg-visitor', { groupId }));
    expect(done).toMatchObject({ status: 'succeeded', seatsPaid: 4, seatsLeft: 0, joinable: false });
    expect(done.shareTitle).toBe('【已成团】29.9元拼老火锅底料 拼团');
    expect(done.members.map((m) => m.nickname)).toEqual(['解**货', '张*', '微信用户', '微信用户']);
  });

  it('hides an abandoned group from everyone but its leader; refuses bad input and unknown groups', async () => {
    const fx = await seed();
    const { groupId } = await openGroupAs(platform, fx, 'o-gg-abandoner', false);
    await platform.update('groups', { _id: groupId }, { $set: { status: 'abandoned' } });
    expect(refusal(await call('getGroup', 'o-gg-someone', { groupId }))).toBe('NOT_FOUND');
    expect(data(await call<GroupView>('getGroup', 'o-gg-abandoner', { groupId })).shareTitle).toMatch(/^【已结束】/);

    expect(refusal(await call('getGroup', 'o-gg-someone', { groupId: 'G-nope' }))).toBe('NOT_FOUND');
    expect(refusal(await call('getGroup', 'o-gg-someone', {}))).toBe('INVALID_ARGUMENT');
    expect(refusal(await call('getGroup', 'o-gg-someone', { groupId: 42 }))).toBe('INVALID_ARGUMENT');
    expect(refusal(await call('getGroup', 'o-gg-someone', { groupId: '' }))).toBe('INVALID_ARGUMENT');
    expect(refusal(await call('getGroup', undefined, { groupId }))).toBe('UNAUTHENTICATED');
  });

  it('names a 社区团 group’s pickup point, as it opened with it', async () => {
    const fx = await seed({ communityPoint: true });
    const { groupId } = await openGroupAs(platform, fx, 'o-gg-community');
    expect(data(await call<GroupView>('getGroup', 'o-gg-visitor', { groupId })).pickupPoint).toEqual({
      pickupPointId: fx.pickupPointId,
      name: '解放碑便民驿站',
    });
    const plain = await openGroupAs(platform, await seed(), 'o-gg-anywhere');
    expect(
      data(await call<GroupView>('getGroup', 'o-gg-visitor', { groupId: plain.groupId })).pickupPoint,
    ).toBeUndefined();
  });
});
