import { describe, expect, it } from 'vitest';
import type { Delivery } from './delivery.schema';
import {
  FINAL_PARCEL_STATES,
  isFinalParcelState,
  isTrackCurrent,
  KUAIDI100_STATES,
  MAX_TRACK_EVENTS,
  mayQueryProvider,
  PARCEL_STATE_LABELS,
  type ParcelTrack,
  parcelStateFromKuaidi100,
  parcelStateSchema,
  parcelTrackSchema,
  shouldRefreshTrack,
  TRACK_QUERY_HOLD_MS,
  TRACK_REFRESH_INTERVAL_MS,
  trackFromReading,
  trackingPhoneFor,
  trackOfShipment,
} from './parcel-track';
import { CARRIERS, type CarrierCode, carrierSchema } from './shipment.schema';

const NOW = Date.UTC(2026, 10, 11, 4, 0, 0);
const MIN = 60_000;
const STATES = parcelStateSchema.options;

const track = (overrides: Partial<ParcelTrack> = {}): ParcelTrack => ({
  carrier: 'zhongtong',
  trackingNo: '78912345678901',
  state: 'in_transit',
  events: [{ at: NOW - 60 * MIN, place: '重庆市', text: '快件已到达【重庆转运中心】' }],
  checkedAt: NOW - 10 * MIN,
  ...overrides,
});

const address: Delivery = {
  kind: 'address',
  name: '张三',
  phone: '13800138000',
  district: '渝北区',
  detail: '龙溪街道 1 号',
};
const pickup: Delivery = {
  kind: 'pickup',
  pickupPointId: 'pp-1',
  name: '解放碑自提点',
  address: '渝中区民族路 1 号',
  district: '渝中区',
  location: { type: 'Point', coordinates: [106.57, 29.55] },
};

describe('parcel states', () => {
  it('has a Chinese label for every state, and only 签收 and 退签 are final', () => {
    for (const state of STATES) expect(PARCEL_STATE_LABELS[state]).toMatch(/^[\u4e00-\u9fa5]{2,4}$/);
    expect(new Set(Object.values(PARCEL_STATE_LABELS)).size).toBe(STATES.length);
    expect(STATES.filter(isFinalParcelState)).toEqual(['delivered', 'returned']);
    expect(FINAL_PARCEL_STATES.every((state) => STATES.includes(state))).toBe(true);
  });

  it('maps every documented 快递100 state code', () => {
    const documented: [string, string][] = [
      ['0', 'in_transit'], // 在途
      ['1', 'carrier_collected'], // 揽收
      ['2', 'problem'], // 疑难
      ['3', 'delivered'], // 签收
      ['4', 'returned'], // 退签
      ['5', 'out_for_delivery'], // 派件
      ['6', 'returning'], // 退回
      ['7', 'transferred'], // 转单
      ['8', 'in_transit'], // 清关
      ['10', 'in_transit'], // 待清关
      ['11', 'in_transit'], // 清关中
      ['12', 'in_transit'], // 已清关
      ['13', 'in_transit'], // 清关异常
      ['14', 'receiver_refused'], // 拒签
    ];
    for (const [code, state] of documented) {
      expect(parcelStateFromKuaidi100(code), code).toBe(state);
      expect(parcelStateFromKuaidi100(Number(code)), code).toBe(state);
    }
    expect([...KUAIDI100_STATES.keys()]).toEqual(documented.map(([code]) => code));
    // Only 3 and 4 end a parcel's journey; every state but "awaiting collection" has a code.
    expect([...KUAIDI100_STATES].filter(([, s]) => isFinalParcelState(s)).map(([code]) => code)).toEqual(['3', '4']);
    expect(STATES.filter((s) => ![...KUAIDI100_STATES.values()].includes(s))).toEqual(['awaiting_collection']);
  });

  it('reads an unknown or odd code as still moving, never as final', () => {
    for (const code of ['9', '15', '301', '-1', '', 'abc', 'constructor', '__proto__', 3.5]) {
      expect(parcelStateFromKuaidi100(code), String(code)).toBe('in_transit');
    }
    expect(parcelStateFromKuaidi100(' 3 ')).toBe('delivered');
  });
});

describe('shouldRefreshTrack', () => {
  it('asks when there is no track yet', () => {
    expect(shouldRefreshTrack(undefined, NOW)).toBe(true);
    expect(isTrackCurrent(undefined, NOW)).toBe(false);
  });

  it('asks again 30 minutes after the last check, not a millisecond sooner, while the parcel moves', () => {
    for (const state of STATES.filter((s) => !isFinalParcelState(s))) {
      const at = (age: number) => shouldRefreshTrack(track({ state, checkedAt: NOW - age }), NOW);
      expect(at(0), state).toBe(false);
      expect(at(TRACK_REFRESH_INTERVAL_MS - 1), state).toBe(false);
      expect(at(TRACK_REFRESH_INTERVAL_MS), state).toBe(true);
      expect(at(7 * 24 * 60 * MIN), state).toBe(true);
    }
    expect(TRACK_REFRESH_INTERVAL_MS).toBe(30 * MIN);
  });

  it('never asks again about a parcel signed for or returned, however old its track', () => {
    for (const state of FINAL_PARCEL_STATES) {
      for (const age of [0, TRACK_REFRESH_INTERVAL_MS, 365 * 24 * 60 * MIN]) {
        expect(shouldRefreshTrack(track({ state, checkedAt: NOW - age }), NOW)).toBe(false);
        expect(isTrackCurrent(track({ state, checkedAt: NOW - age }), NOW)).toBe(true);
      }
    }
  });

  it('takes a track checked "in the future" (a clock set back) as just checked', () => {
    expect(shouldRefreshTrack(track({ checkedAt: NOW + 5 * MIN }), NOW)).toBe(false);
  });

  it('calls a track current exactly when it need not be refreshed', () => {
    for (const state of STATES) {
      for (const age of [0, TRACK_REFRESH_INTERVAL_MS - 1, TRACK_REFRESH_INTERVAL_MS]) {
        const t = track({ state, checkedAt: NOW - age });
        expect(isTrackCurrent(t, NOW)).toBe(!shouldRefreshTrack(t, NOW));
      }
    }
  });
});

describe('mayQueryProvider', () => {
  it('lets a query start when none began, or the last began a minute ago or more', () => {
    expect(mayQueryProvider(undefined, NOW)).toBe(true);
    expect(mayQueryProvider(NOW, NOW)).toBe(false);
    expect(mayQueryProvider(NOW - TRACK_QUERY_HOLD_MS + 1, NOW)).toBe(false);
    expect(mayQueryProvider(NOW - TRACK_QUERY_HOLD_MS, NOW)).toBe(true);
    // A hold never outlasts a clock set back.
    expect(mayQueryProvider(NOW + 10 * MIN, NOW)).toBe(true);
  });
});

describe('trackOfShipment', () => {
  it('keeps a track only for the waybill the order was shipped with', () => {
    const t = track();
    expect(trackOfShipment(t, { carrier: 'zhongtong', trackingNo: '78912345678901' })).toBe(t);
    expect(trackOfShipment(t, { carrier: 'zhongtong', trackingNo: '78912345678902' })).toBeUndefined();
    expect(trackOfShipment(t, { carrier: 'yunda', trackingNo: '78912345678901' })).toBeUndefined();
    expect(trackOfShipment(undefined, { carrier: 'zhongtong', trackingNo: '78912345678901' })).toBeUndefined();
  });
});

describe('trackingPhoneFor', () => {
  it('sends the receiver’s phone to the carriers that check one, and to no other', () => {
    for (const carrier of carrierSchema.options) {
      const expected = carrier === 'shunfeng' || carrier === 'zhongtong' ? '13800138000' : undefined;
      expect(trackingPhoneFor(carrier, address), carrier).toBe(expected);
      expect(trackingPhoneFor(carrier, pickup), carrier).toBeUndefined();
    }
  });
});

describe('trackFromReading', () => {
  const waybill = { carrier: 'yuantong' as CarrierCode, trackingNo: 'YT1234567890' };

  it('orders events newest first, keeping the provider’s order among equal times', () => {
    const reading = {
      state: 'out_for_delivery' as const,
      events: [
        { at: NOW - 3 * MIN, text: 'b' },
        { at: NOW - 1 * MIN, text: 'a' },
        { at: NOW - 3 * MIN, text: 'c' },
        { at: NOW - 9 * MIN, text: 'd', place: '重庆市' },
      ],
    };
    const t = trackFromReading(waybill, reading, NOW);
    expect(t).toEqual({
      carrier: 'yuantong',
      trackingNo: 'YT1234567890',
      state: 'out_for_delivery',
      events: [reading.events[1], reading.events[0], reading.events[2], reading.events[3]],
      checkedAt: NOW,
    });
    expect(parcelTrackSchema.parse(t)).toEqual(t);
  });

  it('keeps the newest events up to the limit', () => {
    const events = Array.from({ length: MAX_TRACK_EVENTS + 20 }, (_, i) => ({ at: NOW - i * MIN, text: `e${i}` }));
    const t = trackFromReading(waybill, { state: 'in_transit', events: [...events].reverse() }, NOW);
    expect(t.events).toHaveLength(MAX_TRACK_EVENTS);
    expect(t.events[0]?.text).toBe('e0');
    expect(t.events.at(-1)?.text).toBe(`e${MAX_TRACK_EVENTS - 1}`);
    expect(parcelTrackSchema.safeParse(t).success).toBe(true);
  });

  it('makes a track with no events for a parcel not scanned yet', () => {
    const t = trackFromReading(waybill, { state: 'awaiting_collection', events: [] }, NOW);
    expect(parcelTrackSchema.parse(t)).toMatchObject({ state: 'awaiting_collection', events: [] });
    expect(shouldRefreshTrack(t, NOW + TRACK_REFRESH_INTERVAL_MS)).toBe(true);
  });
});

describe('the track schema', () => {
  it('refuses a track of an unknown carrier, an odd waybill or an empty event', () => {
    expect(Object.keys(CARRIERS)).toContain('shunfeng');
    expect(parcelTrackSchema.safeParse(track({ carrier: 'dhl' as CarrierCode })).success).toBe(false);
    expect(parcelTrackSchema.safeParse(track({ trackingNo: 'x' })).success).toBe(false);
    expect(parcelTrackSchema.safeParse(track({ events: [{ at: NOW, text: '' }] })).success).toBe(false);
    expect(parcelTrackSchema.safeParse(track({ state: 'lost' as never })).success).toBe(false);
  });
});
