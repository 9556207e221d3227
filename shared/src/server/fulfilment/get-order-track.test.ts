/**
 * getOrderTrack end to end: the bundled function in the emulator, asking the emulator's 快递100 sandbox over
 * HTTP (signed as in production). Time moves as the other tests move it: the parcel is advanced along its journey
 * and the order's last check is moved back, behind the function's back.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { ResponseOf } from '../../contracts/contract';
import type { getOrderTrackContract } from '../../contracts/get-order-track.contract';
import { data, refusal } from '../testing/envelopes';
import { caller } from '../testing/shopper';
import { usePlatform } from '../testing/use-platform';

const MIN = 60_000;
const HOUR = 60 * MIN;

// The adapter gives up after 1.5 s here (3 s in production): long enough for the sandbox's delayed answers on a
// busy machine, short enough for the test of a provider that never answers.
const platform = usePlatform({ functionEnv: { KUAIDI100_TIMEOUT_MS: '1500' }, kuaidi100: { hangMs: 5000 } });
const call = caller(platform);
const { countingRoundTrips } = platform;
const sandbox = () => platform.emulator.kuaidi100;

type TrackAnswer = ResponseOf<typeof getOrderTrackContract>;
type Express = Extract<TrackAnswer, { kind: 'express' }>;

const track = async (openid: string, orderId: string): Promise<Express> => {
  const answer = data(await call<TrackAnswer>('getOrderTrack', openid, { orderId }));
  if (answer.kind !== 'express') throw new Error(`not an express answer: ${answer.kind}`);
  return answer;
};

let sequence = 0;

/** A paid solo order of `openid`, delivered to an address, shipped as `shipment` says (or not shipped). */
async function order(openid: string, shipment?: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  sequence += 1;
  const id = `O-track-${sequence}`;
  const now = Date.now();
  await platform.insert('orders', [
    {
      _id: id,
      openid,
      role: 'solo',
      status: shipment ? 'shipped' : 'to_ship',
      skuId: 'sku-track',
      productId: 'p-track',
      merchantId: 'm-track',
      title: '老麻头火锅底料',
      spec: '500g',
      quantity: 1,
      unitPrice: 3990,
      total: 3990,
      stockMode: 'shared',
      stock: { kind: 'sku', id: 'sku-track' },
      delivery: {
        kind: 'address',
        name: '张三',
        phone: '13800138000',
        district: '渝北区',
        detail: '龙溪街道 1 号',
      },
      payDeadlineAt: now - 2 * HOUR + 15 * MIN,
      transactionId: `T-${id}`,
      paidAt: now - 2 * HOUR,
      createdAt: now - 2 * HOUR,
      updatedAt: now - HOUR,
      ...(shipment ? { shipment: { shippedAt: now - HOUR, by: 'staff:ops01', ...shipment } } : {}),
      ...extra,
    },
  ]);
  return id;
}

const express = (carrier: string, trackingNo: string) => ({ kind: 'express', carrier, trackingNo });

/** Moves the order's last check and last query `ms` into the past, as if that much time had gone by. */
async function age(orderId: string, ms: number) {
  const doc = await platform.get('orders', orderId);
  const track = doc?.track as { checkedAt: number } | undefined;
  await platform.update(
    'orders',
    { _id: orderId },
    {
      $set: {
        ...(track ? { 'track.checkedAt': track.checkedAt - ms } : {}),
        ...(typeof doc?.trackQueriedAt === 'number' ? { trackQueriedAt: doc.trackQueriedAt - ms } : {}),
      },
    },
  );
}

const queriesOf = (com: string, num: string) => sandbox().parcel(com, num)?.queries ?? 0;

beforeEach(() => {
  sandbox().setFaults({});
});

describe('getOrderTrack', () => {
  it('follows a parcel as it moves, asking the provider at most every 30 minutes, and never after 签收', async () => {
    const me = 'o-track-follow';
    const id = await order(me, express('zhongtong', '78900000000001'));

    // Just shipped: the carrier has not scanned it yet (查询无结果), which is a track too.
    const first = await countingRoundTrips(() => track(me, id));
    console.log(`getOrderTrack (asking the provider): ${first.trips} database round trips`);
    expect(first.trips).toBe(3);
    expect(first.result).toMatchObject({
      kind: 'express',
      carrier: 'zhongtong',
      carrierName: '中通快递',
      trackingNo: '78900000000001',
      stale: false,
      track: { state: 'awaiting_collection', stateLabel: '待揽收', events: [], final: false },
    });
    expect(queriesOf('zhongtong', '78900000000001')).toBe(1);

    // Within 30 minutes the order's own track answers: the provider is not asked.
    const cached = await countingRoundTrips(() => track(me, id));
    console.log(`getOrderTrack (current track): ${cached.trips} database round trip`);
    expect(cached.trips).toBe(1);
    expect(cached.result).toEqual(first.result);
    await age(id, 29 * MIN);
    expect((await track(me, id)).track?.checkedAt).toBe((first.result.track?.checkedAt ?? 0) - 29 * MIN);
    expect(queriesOf('zhongtong', '78900000000001')).toBe(1);

    // Ten hours on, through the sorting centre.
    sandbox().advance('zhongtong', '78900000000001', 10 * HOUR);
    await age(id, 2 * MIN);
    const moving = await track(me, id);
    expect(queriesOf('zhongtong', '78900000000001')).toBe(2);
    expect(moving).toMatchObject({ stale: false, track: { state: 'in_transit', stateLabel: '运输中', final: false } });
    expect(moving.track?.events.map((e) => e.text)).toEqual([
      '【重庆市】快件已到达【重庆转运中心】',
      expect.stringMatching(/下一站【重庆转运中心】$/),
      expect.stringMatching(/中通快递.+已揽收$/),
    ]);
    expect(moving.track?.events[0]).toMatchObject({ place: '重庆市', at: expect.any(Number) });
    const times = moving.track?.events.map((e) => e.at) ?? [];
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect((await platform.get('orders', id))?.track).toMatchObject({
      carrier: 'zhongtong',
      trackingNo: '78900000000001',
      state: 'in_transit',
      checkedAt: moving.track?.checkedAt,
    });

    // Signed for: final, and never asked about again, however long after.
    sandbox().advance('zhongtong', '78900000000001', 14 * HOUR);
    await age(id, 30 * MIN);
    const signed = await track(me, id);
    expect(signed).toMatchObject({ stale: false, track: { state: 'delivered', stateLabel: '已签收', final: true } });
    expect(signed.track?.events).toHaveLength(7);
    await age(id, 30 * 24 * HOUR);
    expect((await track(me, id)).track?.state).toBe('delivered');
    expect(queriesOf('zhongtong', '78900000000001')).toBe(3);
  });

  it('shows the last known track, marked stale, while the provider is down, and never an error', async () => {
    const me = 'o-track-outage';
    const id = await order(me, express('yuantong', 'YT7000000000001'));
    sandbox().register({ com: 'yuantong', num: 'YT7000000000001', startedAt: Date.now() - 20 * HOUR });
    const known = await track(me, id);
    expect(known).toMatchObject({ stale: false, track: { state: 'out_for_delivery' } });

    await age(id, 31 * MIN);
    // The same track, as it was checked then (`age` moved that back).
    const lastKnown = { ...known, stale: true, track: { ...known.track, checkedAt: expect.any(Number) } };
    for (const failureMode of ['busy', 'http_error', 'timeout'] as const) {
      sandbox().setFaults({ failureRate: 1, failureMode });
      const down = await track(me, id);
      expect(down, failureMode).toEqual(lastKnown);
      expect(down.track?.checkedAt).toBeLessThan((known.track?.checkedAt ?? 0) - 30 * MIN);
      // A minute's hold before the failing provider is asked again.
      expect(await track(me, id)).toEqual(lastKnown);
      await age(id, MIN);
    }
    expect(sandbox().parcel('yuantong', 'YT7000000000001')).toMatchObject({ queries: 1, failures: 3 });

    sandbox().setFaults({});
    const back = await track(me, id);
    expect(back).toMatchObject({ stale: false, track: { state: 'out_for_delivery' } });
    expect(back.track?.checkedAt).toBeGreaterThan(known.track?.checkedAt ?? Infinity);

    // Down from the first look: no track yet, stale, still an answer.
    sandbox().setFaults({ failureRate: 1 });
    const never = await order(me, express('yuantong', 'YT7000000000002'));
    expect(await track(me, never)).toMatchObject({ kind: 'express', stale: true, trackingNo: 'YT7000000000002' });
    expect((await track(me, never)).track).toBeUndefined();
  });

  it('asks the provider once when many look at once', async () => {
    const me = 'o-track-race';
    const id = await order(me, express('yunda', '4310000000001'));
    await track(me, id);
    sandbox().advance('yunda', '4310000000001', 10 * HOUR);
    await age(id, 31 * MIN);
    sandbox().setFaults({ delayMs: 200 }); // the winner's query is still under way when the others look
    const answers = await Promise.all(Array.from({ length: 12 }, () => track(me, id)));
    expect(queriesOf('yunda', '4310000000001')).toBe(2);
    // Each caller saw the last known track (stale) or the one fresh answer, never an error.
    const outcomes = new Set(answers.map((a) => `${a.stale ? 'last known' : 'fresh'}: ${a.track?.state ?? 'none'}`));
    expect(outcomes).toContain('fresh: in_transit');
    expect([...outcomes].filter((o) => o !== 'fresh: in_transit' && o !== 'last known: awaiting_collection')).toEqual(
      [],
    );
    expect(await track(me, id)).toMatchObject({ stale: false, track: { state: 'in_transit' } });
  });

  it('never lets a slower query overwrite a newer track', async () => {
    const me = 'o-track-slow';
    const id = await order(me, express('shentong', 'ST7700000000001'));
    sandbox().setFaults({ delayMs: 250 });
    const slow = track(me, id);
    // Once its claim is taken its query is under way (the sandbox holds it 250 ms): a newer track lands meanwhile.
    while (typeof (await platform.get('orders', id))?.trackQueriedAt !== 'number') {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const newer = {
      carrier: 'shentong',
      trackingNo: 'ST7700000000001',
      state: 'out_for_delivery',
      events: [{ at: Date.now(), text: '快件派送中' }],
      checkedAt: Date.now() + 10 * MIN,
    };
    await platform.update('orders', { _id: id }, { $set: { track: newer } });
    expect((await slow).track?.state).toBe('awaiting_collection');
    expect((await platform.get('orders', id))?.track).toEqual(newer);
  });

  it('ignores the track of an earlier waybill, and sends a phone only to the carriers that check one', async () => {
    const me = 'o-track-waybill';
    const stale = {
      carrier: 'shunfeng',
      trackingNo: 'SF0000000000001',
      state: 'delivered',
      events: [{ at: Date.now() - HOUR, text: '已签收' }],
      checkedAt: Date.now() - HOUR,
    };
    const id = await order(me, express('shunfeng', 'SF0000000000002'), { track: stale });
    const answer = await track(me, id);
    expect(answer).toMatchObject({
      stale: false,
      trackingNo: 'SF0000000000002',
      track: { state: 'awaiting_collection' },
    });
    expect((await platform.get('orders', id))?.track).toMatchObject({ trackingNo: 'SF0000000000002' });
    // 顺丰 checks the phone: the sandbox took the receiver's.
    expect(queriesOf('shunfeng', 'SF0000000000002')).toBe(1);
  });

  it('answers stale, never an error, when the provider refuses the query', async () => {
    const me = 'o-track-refused';
    // 顺丰 without a phone (a pickup delivery has none): 快递100 refuses with 408.
    const id = await order(me, express('shunfeng', 'SF0000000000003'), {
      delivery: {
        kind: 'pickup',
        pickupPointId: 'pp-track',
        name: '解放碑自提点',
        address: '渝中区民族路 1 号',
        district: '渝中区',
        location: { type: 'Point', coordinates: [106.5775, 29.5577] },
      },
    });
    expect(await track(me, id)).toMatchObject({ kind: 'express', stale: true });
    expect((await platform.get('orders', id))?.track).toBeUndefined();
  });

  it('answers a pickup order’s batch, and that an order has not left, without asking the provider', async () => {
    const me = 'o-track-kinds';
    const arrived = await order(me, { kind: 'pickup', pickupPointId: 'pp-1', batchId: 'B-1', arrivedAt: Date.now() });
    const pickup = data(await call<TrackAnswer>('getOrderTrack', me, { orderId: arrived }));
    expect(pickup).toEqual({
      kind: 'pickup',
      orderId: arrived,
      shippedAt: expect.any(Number),
      arrivedAt: expect.any(Number),
    });
    const waiting = await order(me);
    const unshipped = await countingRoundTrips(() => call<TrackAnswer>('getOrderTrack', me, { orderId: waiting }));
    expect(data(unshipped.result)).toEqual({ kind: 'not_shipped', orderId: waiting });
    expect(unshipped.trips).toBe(1);
  });

  it('shows an order to its owner only', async () => {
    const me = 'o-track-owner';
    const id = await order(me, express('ems', 'EM7700000001CN'));
    const stranger = await call('getOrderTrack', 'o-track-stranger', { orderId: id });
    expect(refusal(stranger)).toBe('NOT_FOUND');
    expect(stranger).toEqual(await call('getOrderTrack', 'o-track-stranger', { orderId: 'O-missing' }));
    expect(sandbox().parcel('ems', 'EM7700000001CN')).toBeUndefined();
    expect(refusal(await call('getOrderTrack', undefined, { orderId: id }))).toBe('UNAUTHENTICATED');
    expect(refusal(await call('getOrderTrack', me, { orderId: '' }))).toBe('INVALID_ARGUMENT');
  });
});
