/**
 * 发货信息管理 in the openapi sandbox: every documented refusal for a bad payload or payment, WeChat's rules for
 * repeats and the one re-ship, and injected failures. (The SDK's path to it is in sandbox.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { seededRandom } from './faults';
import { type PaidTrade, rfc3339Instant, type ShippingFaults, ShippingInfoDesk } from './shipping-info';

const TX = '4200001927202309157703139548';
const trades = new Map<string, PaidTrade>([
  [TX, { transactionId: TX, outTradeNo: 'o1', mchId: '1900000101', openid: 'o-payer', refundedInFull: false }],
  [
    '4200-refunded',
    { transactionId: '4200-refunded', outTradeNo: 'o2', mchId: 'm', openid: 'o-payer', refundedInFull: true },
  ],
]);
const lookup = {
  find: (key: { transactionId: string } | { outTradeNo: string }) =>
    'transactionId' in key
      ? trades.get(key.transactionId)
      : [...trades.values()].find((t) => t.outTradeNo === key.outTradeNo),
};

let faults: ShippingFaults = { failureRate: 0, failureMode: 'before', random: seededRandom(1) };
const desk = () => new ShippingInfoDesk(lookup, () => faults);

type Params = Record<string, unknown>;

const express = (overrides: Params = {}, entry: Params = {}): Params => ({
  order_key: { order_number_type: 2, transaction_id: TX },
  logistics_type: 1,
  delivery_mode: 1,
  shipping_list: [
    {
      tracking_no: '78794111518982',
      express_company: 'ZTO',
      item_desc: '奉节脐橙 5 斤装*2',
      contact: { receiver_contact: '138****5678' },
      ...entry,
    },
  ],
  upload_time: '2026-11-20T13:29:35.120+08:00',
  payer: { openid: 'o-payer' },
  ...overrides,
});
const pickup = (overrides: Params = {}): Params => ({
  ...express(overrides),
  logistics_type: 4,
  shipping_list: [{ item_desc: '奉节脐橙 5 斤装*2' }],
  ...overrides,
});

const answer = (params: Params, on = desk()) => {
  const reply = on.upload(params, 'reportShipments');
  if (reply.kind !== 'json') throw new Error('expected a JSON answer');
  return reply.body as { errcode: number; errmsg: string };
};

describe('uploadShippingInfo accepts', () => {
  it('an express parcel and a pickup, keeping what WeChat now holds', () => {
    const on = desk();
    expect(answer(express(), on)).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(on.uploads(TX)).toEqual([
      { transactionId: TX, params: express(), fromFunction: 'reportShipments', at: expect.any(Number) },
    ]);
    const other = desk();
    expect(answer(pickup(), other).errcode).toBe(0);
    expect(other.calls()).toEqual([expect.objectContaining({ transactionId: TX, errcode: 0, params: pickup() })]);
  });

  it('a payment named by mchid and out_trade_no', () => {
    const byTradeNo = express({ order_key: { order_number_type: 1, mchid: '1900000101', out_trade_no: 'o1' } });
    const on = desk();
    expect(answer(byTradeNo, on).errcode).toBe(0);
    expect(on.uploads(TX)).toHaveLength(1);
  });

  it('split shipping by express, up to 10 parcels, when is_all_delivered is given', () => {
    const parcel = { tracking_no: 'SF1', express_company: 'YTO', item_desc: '脐橙*1' };
    const split = express({ delivery_mode: 2, is_all_delivered: true, shipping_list: Array(10).fill(parcel) });
    expect(answer(split).errcode).toBe(0);
  });

  it('item_desc of exactly 120 characters, emoji counted as one', () => {
    expect(answer(express({}, { item_desc: '🍊'.repeat(120) })).errcode).toBe(0);
  });
});

describe('uploadShippingInfo refuses, with WeChat’s documented errcode', () => {
  const refusals: [string, Params, number][] = [
    ['no order_key', express({ order_key: undefined }), 47001],
    ['an unknown order_number_type', express({ order_key: { order_number_type: 3, transaction_id: TX } }), 268485194],
    ['no transaction_id', express({ order_key: { order_number_type: 2 } }), 268485195],
    ['no mchid', express({ order_key: { order_number_type: 1, out_trade_no: 'o1' } }), 268485196],
    ['no out_trade_no', express({ order_key: { order_number_type: 1, mchid: '1900000101' } }), 268485197],
    ['an unknown logistics_type', express({ logistics_type: 5 }), 10060005],
    ['no logistics_type', express({ logistics_type: undefined }), 10060005],
    ['an unknown delivery_mode', express({ delivery_mode: 'UNIFIED_DELIVERY' }), 268485224],
    ['split shipping of a pickup', pickup({ delivery_mode: 2, is_all_delivered: true }), 10060006],
    ['split shipping without is_all_delivered', express({ delivery_mode: 2 }), 10060007],
    ['no shipping_list', express({ shipping_list: undefined }), 10060014],
    ['an empty shipping_list', express({ shipping_list: [] }), 10060014],
    ['11 parcels', express({ delivery_mode: 2, is_all_delivered: true, shipping_list: Array(11).fill({}) }), 10060024],
    ['2 parcels shipped as one', express({ shipping_list: [{ item_desc: 'a' }, { item_desc: 'b' }] }), 268485228],
    ['a parcel that is not an object', express({ shipping_list: ['x'] }), 47001],
    ['no item_desc', express({}, { item_desc: undefined }), 10060008],
    ['a blank item_desc', express({}, { item_desc: '  ' }), 10060008],
    ['an item_desc of 121 characters', express({}, { item_desc: '橙'.repeat(121) }), 10060009],
    ['express without tracking_no', express({}, { tracking_no: undefined }), 268485226],
    ['express without express_company', express({}, { express_company: '' }), 268485227],
    ['a tracking_no over 128', express({}, { tracking_no: 'A'.repeat(129) }), 10060026],
    ['an express_company over 128', express({}, { express_company: 'A'.repeat(129) }), 10060025],
    ['tracking fields on a pickup', pickup({ shipping_list: [{ item_desc: 'a', tracking_no: 'T1' }] }), 10060014],
    [
      'a carrier on same-city delivery',
      pickup({ logistics_type: 2, shipping_list: [{ item_desc: 'a', express_company: 'SF' }] }),
      10060014,
    ],
    ['an unmasked receiver phone', express({}, { contact: { receiver_contact: '13812345678' } }), 10060014],
    ['a masked phone hiding its last digits', express({}, { contact: { receiver_contact: '138123456**' } }), 10060014],
    ['a contact that is not an object', express({}, { contact: '138****5678' }), 10060014],
    ['顺丰 without a contact', express({}, { express_company: 'SF', contact: undefined }), 10060014],
    ['an upload_time without its offset', express({ upload_time: '2026-11-20T13:29:35.120' }), 268485216],
    ['an upload_time as a wall clock', express({ upload_time: '2026-11-20 13:29:35' }), 268485216],
    ['an upload_time as a number', express({ upload_time: 1_763_616_575_120 }), 268485216],
    ['an upload_time on the 13th month', express({ upload_time: '2026-13-20T13:29:35+08:00' }), 268485216],
    ['no payer', express({ payer: undefined }), 10060014],
    [
      'an unknown transaction',
      express({ order_key: { order_number_type: 2, transaction_id: '4200-unknown' } }),
      10060001,
    ],
    [
      'another merchant’s out_trade_no',
      express({ order_key: { order_number_type: 1, mchid: 'other', out_trade_no: 'o1' } }),
      10060001,
    ],
    ['another payer', express({ payer: { openid: 'o-someone-else' } }), 10060031],
    [
      'a payment refunded in full',
      express({ order_key: { order_number_type: 2, transaction_id: '4200-refunded' } }),
      10060004,
    ],
  ];

  it.each(refusals)('%s', (_, params, errcode) => {
    const on = desk();
    expect(answer(params, on)).toEqual({ errcode, errmsg: expect.any(String) });
    expect(on.uploads()).toEqual([]);
    expect(on.calls()).toEqual([expect.objectContaining({ errcode, params })]);
  });
});

describe('uploading again', () => {
  const later = (n: number, entry: Params = {}) =>
    express({ upload_time: `2026-11-20T13:3${n}:00.000+08:00` }, { tracking_no: `7879411151898${n}`, ...entry });

  it('the same information changes nothing: 10060023, and the re-ship is not spent', () => {
    const on = desk();
    expect(answer(express(), on).errcode).toBe(0);
    expect(answer(express(), on).errcode).toBe(10060023);
    expect(answer(express(), on).errcode).toBe(10060023);
    expect(answer(later(1), on).errcode).toBe(0);
    expect(on.uploads(TX)).toHaveLength(2);
  });

  it('different information is the one re-ship; a third upload is refused 10060003', () => {
    const on = desk();
    expect(answer(express(), on).errcode).toBe(0);
    expect(answer(later(1), on).errcode).toBe(0);
    expect(answer(later(2), on).errcode).toBe(10060003);
    expect(on.uploads(TX).map((u) => u.params)).toEqual([express(), later(1)]);
    expect(answer(later(1), on).errcode).toBe(10060023);
  });

  it('a re-ship must be newer than what WeChat holds', () => {
    const on = desk();
    expect(answer(later(2), on).errcode).toBe(0);
    expect(answer(later(1), on).errcode).toBe(10060014);
    expect(on.uploads(TX)).toHaveLength(1);
  });
});

describe('injected failures', () => {
  it('before: -1 system error and nothing held, at the set rate, replayable from the seed', () => {
    faults = { failureRate: 1, failureMode: 'before', random: seededRandom(7) };
    const on = desk();
    expect(answer(express(), on)).toEqual({ errcode: -1, errmsg: 'system error' });
    expect(on.uploads()).toEqual([]);
    faults = { failureRate: 0.5, failureMode: 'before', random: seededRandom(7) };
    const first = [1, 2, 3, 4, 5, 6].map(
      (n) => answer(express({ upload_time: `2026-11-20T13:3${n}:00+08:00` }), desk()).errcode,
    );
    faults = { failureRate: 0.5, failureMode: 'before', random: seededRandom(7) };
    const again = [1, 2, 3, 4, 5, 6].map(
      (n) => answer(express({ upload_time: `2026-11-20T13:3${n}:00+08:00` }), desk()).errcode,
    );
    expect(again).toEqual(first);
    expect(first).toContain(-1);
    expect(first).toContain(0);
  });

  it('after: WeChat holds the upload and the answer is lost; the same upload again reads 10060023', () => {
    faults = { failureRate: 1, failureMode: 'after', random: seededRandom(1) };
    const on = desk();
    expect(answer(express(), on).errcode).toBe(-1);
    expect(on.uploads(TX)).toHaveLength(1);
    faults = { failureRate: 0, failureMode: 'before', random: seededRandom(1) };
    expect(answer(express(), on).errcode).toBe(10060023);
  });

  it('never hides a refusal: a bad payload is refused whatever the faults', () => {
    faults = { failureRate: 1, failureMode: 'before', random: seededRandom(1) };
    expect(answer(express({ logistics_type: 9 })).errcode).toBe(10060005);
    faults = { failureRate: 0, failureMode: 'before', random: seededRandom(1) };
  });
});

describe('without a ledger', () => {
  it('takes any payment, and still keeps one re-ship per payment', () => {
    const on = new ShippingInfoDesk(undefined, () => faults);
    const unknown = express({
      order_key: { order_number_type: 2, transaction_id: '4200-anything' },
      payer: { openid: 'o-x' },
    });
    expect(answer(unknown, on).errcode).toBe(0);
    expect(on.uploads('4200-anything')).toHaveLength(1);
  });
});

describe('RFC 3339', () => {
  it('takes offsets, Z and fractions; refuses what is not a date and time', () => {
    expect(rfc3339Instant('2022-12-15T13:29:35.120+08:00')).toBe(Date.UTC(2022, 11, 15, 5, 29, 35, 120));
    expect(rfc3339Instant('2022-12-15T05:29:35Z')).toBe(Date.UTC(2022, 11, 15, 5, 29, 35));
    for (const bad of ['2022-12-15', '2022-12-15T25:00:00+08:00', '2022-12-15T13:29:35+08', '', 'now']) {
      expect(rfc3339Instant(bad), bad).toBeUndefined();
    }
  });
});
