/**
 * The shopper's flows in local mode: `services/cloud.ts` calling the real functions through the
 * emulator's gateway, as the mini-program does against `npm start`.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startPlatform, type Platform } from '../../emulator/src/testing/platform';
import { pickupAt, seedCatalog } from '../../shared/src/server/testing/group-buy.fixtures';
import { callFunction, initCloud } from './cloud';

let platform: Platform;

/** `wx.request` over fetch: the transport local mode uses. */
const request = (options: WechatMiniprogram.RequestOption) => {
  fetch(options.url, {
    method: options.method ?? 'GET',
    headers: options.header as Record<string, string>,
    body: JSON.stringify(options.data),
  })
    .then(async (res) => options.success?.({ statusCode: res.status, data: await res.json() } as never))
    .catch((error: unknown) => options.fail?.({ errMsg: String(error) } as never));
};

beforeAll(async () => {
  platform = await startPlatform();
  vi.stubGlobal('wx', { request, cloud: { init: () => undefined } });
});
afterAll(async () => {
  vi.unstubAllGlobals();
  await platform.stop();
});

const as = (openid: string) => initCloud({ mode: 'local', gatewayUrl: platform.emulator.url, openid });

async function ok<T>(answer: Promise<{ ok: true; data: T } | { ok: false; error: { code: string } }>): Promise<T> {
  const envelope = await answer;
  if (!envelope.ok) throw new Error(envelope.error.code);
  return envelope.data;
}

async function myOrderLabels(openid: string) {
  as(openid);
  const { items } = await ok(callFunction('listMyOrders', { status: 'all' }));
  return items.map((o) => o.statusLabel);
}

describe('shopper flows in local mode', () => {
  it('open, share, a friend joins, both pay: the group succeeds and both orders show 待发货', async () => {
    const fx = await seedCatalog((c, d) => platform.insert(c, d), { groupSize: 2 });
    as('o-flow-leader');
    const opened = await ok(
      callFunction('openGroup', { activityId: fx.activityId, quantity: 1, delivery: pickupAt(fx) }),
    );
    await platform.pay(opened.orderId);
    await platform.settle();

    as('o-flow-friend'); // the friend opens the shared card
    const card = await ok(callFunction('getGroup', { groupId: opened.groupId }));
    expect(card).toMatchObject({ joinable: true, seatsLeft: 1, viewer: 'visitor' });
    expect(card.shareTitle).toContain('还差1人');
    const joined = await ok(
      callFunction('joinGroup', { groupId: opened.groupId, quantity: 1, delivery: pickupAt(fx) }),
    );
    await platform.pay(joined.orderId);
    await platform.settle();

    expect(await myOrderLabels('o-flow-leader')).toEqual(['待发货']);
    expect(await myOrderLabels('o-flow-friend')).toEqual(['待发货']);
    as('o-flow-friend');
    expect(await ok(callFunction('getGroup', { groupId: opened.groupId }))).toMatchObject({
      status: 'succeeded',
      seatsLeft: 0,
    });
  });

  it('a group that expires: both paid orders show the refund', async () => {
    const fx = await seedCatalog((c, d) => platform.insert(c, d), { groupSize: 3 });
    as('o-exp-leader');
    const opened = await ok(
      callFunction('openGroup', { activityId: fx.activityId, quantity: 1, delivery: pickupAt(fx) }),
    );
    await platform.pay(opened.orderId);
    await platform.settle();
    as('o-exp-friend');
    const joined = await ok(
      callFunction('joinGroup', { groupId: opened.groupId, quantity: 1, delivery: pickupAt(fx) }),
    );
    await platform.pay(joined.orderId);
    await platform.settle();

    await platform.update('groups', { _id: opened.groupId }, { $set: { deadlineAt: Date.now() - 1000 } });
    await platform.emulator.runner.invoke('expireGroups', {}, { source: 'scf' });
    await platform.settle();

    for (const [openid, orderId] of [
      ['o-exp-leader', opened.orderId],
      ['o-exp-friend', joined.orderId],
    ] as const) {
      expect(await myOrderLabels(openid)).toEqual(['已退款']);
      as(openid);
      expect((await ok(callFunction('listMyOrders', { status: 'refund' }))).items).toHaveLength(1);
      expect(await ok(callFunction('getOrder', { orderId }))).toMatchObject({
        status: 'refunded',
        refund: { status: 'succeeded' },
      });
    }
  });

  it('turns a gateway failure into UNAVAILABLE', async () => {
    initCloud({ mode: 'local', gatewayUrl: 'http://127.0.0.1:9', openid: 'o-x' });
    expect(await callFunction('ping', {})).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
  });
});
