import { describe, expect, it } from 'vitest';
import {
  afterSaleWindowDays,
  arrivalOf,
  autoReceiveCutoff,
  batchIdFor,
  batchRequestKeySchema,
  carrierFrom,
  decideExpressShipment,
  decidePickupDispatch,
  drawPickupCode,
  FULFILMENT_EVENTS,
  ORDER_AT_POINT_STATUS,
  ORDER_SHIPPED_STATUS,
  ORDER_TO_SHIP_STATUSES,
  holdsOpenCode,
  isCompletable,
  readShipmentRows,
  receiptAt,
  receiptDecision,
  rowProblemLabel,
  shipmentRowProblemSchema,
  verifyPickupCode,
} from './fulfilment';
import type { Delivery } from './delivery.schema';
import { orderEventSchema, orderMachine, type OrderStatus } from './order.machine';
import { CARRIERS, type Shipment } from './shipment.schema';

const NOW = 1_800_000_000_000;
const DAY = 86_400_000;
const address: Delivery = { kind: 'address', name: '陈', phone: '13812345678', district: '渝中区', detail: '1 号' };
const pickup = (pickupPointId = 'pp-1'): Delivery => ({
  kind: 'pickup',
  pickupPointId,
  name: '解放碑驿站',
  address: '民权路 28 号',
  district: '渝中区',
  location: { type: 'Point', coordinates: [106.5, 29.5] },
});
const order = (status: OrderStatus, delivery: Delivery = address, extra: Record<string, unknown> = {}) => ({
  status,
  delivery,
  ...extra,
});
const express = (trackingNo = 'SF1234567890'): Shipment => ({
  kind: 'express',
  carrier: 'shunfeng',
  trackingNo,
  shippedAt: NOW - DAY,
  by: 'staff:a',
});

describe('the fulfilment events', () => {
  it('name the statuses they lead to as the order machine does', () => {
    expect(orderMachine.transition(FULFILMENT_EVENTS.ship)).toEqual({
      from: ORDER_TO_SHIP_STATUSES,
      to: ORDER_SHIPPED_STATUS,
    });
    expect(orderMachine.transition(FULFILMENT_EVENTS.arrive).to).toBe(ORDER_AT_POINT_STATUS);
    for (const event of Object.values(FULFILMENT_EVENTS)) expect(orderEventSchema.options).toContain(event);
  });
});

describe('express shipping', () => {
  const waybill = { carrier: 'shunfeng' as const, trackingNo: ' sf1234567890 ' };

  it('ships an order waiting to ship, with its waybill normalised, and tells the shopper', () => {
    expect(decideExpressShipment(order('to_ship'), waybill, 'staff:a', NOW)).toEqual({
      kind: 'ship',
      shipment: { kind: 'express', carrier: 'shunfeng', trackingNo: 'SF1234567890', shippedAt: NOW, by: 'staff:a' },
      message: 'order_shipped',
    });
  });

  it('reads the same waybill again as a repeat, and any other as a second shipment it refuses', () => {
    const shipped = order('shipped', address, { shipment: express() });
    expect(decideExpressShipment(shipped, waybill, 'staff:b', NOW)).toEqual({ kind: 'already', shipment: express() });
    const received = order('completed', address, { shipment: express() });
    expect(decideExpressShipment(received, waybill, 'staff:b', NOW).kind).toBe('already');
    expect(decideExpressShipment(shipped, { ...waybill, trackingNo: 'SF999999999' }, 'staff:b', NOW)).toEqual({
      kind: 'refused',
      reason: 'shipped_otherwise',
    });
    expect(decideExpressShipment(shipped, { ...waybill, carrier: 'yunda' }, 'staff:b', NOW)).toMatchObject({
      reason: 'shipped_otherwise',
    });
  });

  it.each([
    [null, 'not_found'],
    [order('pending_payment'), 'not_to_ship'],
    [order('awaiting_group'), 'not_to_ship'],
    [order('closed'), 'not_to_ship'],
    [order('refunding'), 'refunding'],
    [order('refunded'), 'refunding'],
    [order('to_ship', address, { openAfterSaleId: 'AS1' }), 'after_sale_open'],
    [order('to_ship', pickup()), 'pickup_order'],
  ] as const)('refuses %o: %s', (o, reason) => {
    expect(decideExpressShipment(o, waybill, 'staff:a', NOW)).toEqual({ kind: 'refused', reason });
  });
});

describe('pickup batches', () => {
  const batch = { pickupPointId: 'pp-1', batchId: batchIdFor('key-0001') };

  it('sends a pickup order for the batch’s point, without a message yet; the same batch again is a repeat', () => {
    const decided = decidePickupDispatch(order('to_ship', pickup()), batch, 'staff:a', NOW);
    expect(decided).toEqual({
      kind: 'ship',
      shipment: { kind: 'pickup', pickupPointId: 'pp-1', batchId: 'PBkey-0001', shippedAt: NOW, by: 'staff:a' },
    });
    const sent = order('shipped', pickup(), { shipment: decided.kind === 'ship' ? decided.shipment : undefined });
    expect(decidePickupDispatch(sent, batch, 'staff:a', NOW).kind).toBe('already');
    expect(decidePickupDispatch(sent, { ...batch, batchId: 'PBother-01' }, 'staff:a', NOW)).toMatchObject({
      reason: 'shipped_otherwise',
    });
  });

  it('refuses an express order, another point’s order and one not waiting to ship', () => {
    expect(decidePickupDispatch(order('to_ship'), batch, 'x', NOW)).toMatchObject({ reason: 'express_order' });
    expect(decidePickupDispatch(order('to_ship', pickup('pp-2')), batch, 'x', NOW)).toMatchObject({
      reason: 'other_point',
    });
    expect(decidePickupDispatch(order('refunding', pickup()), batch, 'x', NOW)).toMatchObject({ reason: 'refunding' });
  });

  it('makes batch ids from request keys that fit an id', () => {
    expect(batchRequestKeySchema.safeParse('a'.repeat(62)).success).toBe(true);
    expect(batchRequestKeySchema.safeParse('a'.repeat(63)).success).toBe(false);
    expect(batchIdFor('a'.repeat(62))).toHaveLength(64);
  });

  it('marks arrived the batch’s orders still on their way; a repeat or a refunded order changes nothing', () => {
    const shipment = { kind: 'pickup' as const, pickupPointId: 'pp-1', batchId: 'B1', shippedAt: NOW, by: 'x' };
    expect(arrivalOf(order('shipped', pickup(), { shipment }), 'B1')).toBe('arrive');
    expect(arrivalOf(order('shipped', pickup(), { shipment }), 'B2')).toBe('skip');
    const arrived = { ...shipment, arrivedAt: NOW };
    expect(arrivalOf(order('at_pickup_point', pickup(), { shipment: arrived }), 'B1')).toBe('already');
    expect(arrivalOf(order('picked_up', pickup(), { shipment: arrived }), 'B1')).toBe('already');
    expect(arrivalOf(order('refunding', pickup(), { shipment }), 'B1')).toBe('skip');
    expect(arrivalOf(null, 'B1')).toBe('skip');
  });
});

describe('carriers and the waybill CSV', () => {
  it('knows a carrier by code, name, short name or WeChat code', () => {
    for (const text of ['shunfeng', 'ShunFeng', '顺丰速运', '顺丰', ' SF '])
      expect(carrierFrom(text), text).toBe('shunfeng');
    expect(carrierFrom('中通快递')).toBe('zhongtong');
    expect(carrierFrom('邮政')).toBe('youzhengguonei');
    expect(carrierFrom('EMS')).toBe('ems');
    expect(carrierFrom('菜鸟')).toBeUndefined();
    for (const code of Object.keys(CARRIERS)) expect(carrierFrom(CARRIERS[code as 'jd'].name)).toBe(code);
  });

  it('reads rows after an optional header, and reports every bad row with its line', () => {
    const records = [
      { line: 1, fields: ['订单号', '快递公司', '运单号'] },
      { line: 2, fields: ['O1', '顺丰', 'sf1234567890'] },
      { line: 3, fields: ['O2', '菜鸟', '12'] },
      { line: 4, fields: ['O3', 'yunda'] },
      { line: 5, fields: ['', 'yunda', '4312345678'] },
      { line: 6, fields: ['O1', 'yunda', '4312345678'] },
      { line: 7, fields: ['', '', ''] },
      { line: 8, fields: ['O4', 'jd', 'JD0012345678', '', ''] },
      { line: 9, fields: ['O5', 'jd', 'JD0012345679', 'x'] },
    ];
    const { rows, problems } = readShipmentRows(records);
    expect(rows).toEqual([
      { line: 2, orderId: 'O1', carrier: 'shunfeng', trackingNo: 'sf1234567890' },
      { line: 8, orderId: 'O4', carrier: 'jd', trackingNo: 'JD0012345678' },
    ]);
    expect(problems).toEqual([
      { line: 3, orderId: 'O2', problem: 'bad_carrier' },
      { line: 3, orderId: 'O2', problem: 'bad_tracking_no' },
      { line: 4, orderId: 'O3', problem: 'bad_columns' },
      { line: 5, problem: 'bad_order_id' },
      { line: 6, orderId: 'O1', problem: 'duplicate_order' },
      { line: 9, orderId: 'O5', problem: 'bad_columns' },
    ]);
    expect(readShipmentRows([{ line: 1, fields: ['orderId', 'carrier', 'trackingNo'] }])).toEqual({
      rows: [],
      problems: [{ line: 1, problem: 'no_rows' }],
    });
    const many = Array.from({ length: 502 }, (_, i) => ({ line: i + 1, fields: [`O${i}`, 'jd', 'JD0012345678'] }));
    expect(readShipmentRows(many).problems).toEqual([{ line: 501, problem: 'too_many_rows' }]);
    expect(readShipmentRows(many.slice(0, 500)).rows).toHaveLength(500);
    expect(readShipmentRows(records.slice(1, 2)).rows).toHaveLength(1);
  });

  it('labels every problem in Chinese', () => {
    expect(rowProblemLabel('pickup_order')).toBe('自提订单，请发往自提点');
    for (const problem of shipmentRowProblemSchema.options) {
      expect(rowProblemLabel(problem), problem).toMatch(/[\u4e00-\u9fa5]/);
    }
  });
});

describe('pickup codes', () => {
  it('draws six digits, avoiding the codes taken, from the source it is given', () => {
    const draws = [42, 42, 7];
    const next = () => draws.shift() ?? 0;
    expect(drawPickupCode(next, new Set(['000042']))).toBe('000007');
    expect(drawPickupCode(() => 999_999, new Set())).toBe('999999');
    expect(drawPickupCode(() => 5, new Set(['000005']))).toBeUndefined();
  });

  const arrived = (status: OrderStatus, extra: Record<string, unknown> = {}) =>
    order(status, pickup(), { pickupCode: '123456', ...extra });

  it('holds a code open only at its point, until collected', () => {
    expect(holdsOpenCode(arrived('at_pickup_point'), 'pp-1', '123456')).toBe(true);
    expect(holdsOpenCode(arrived('at_pickup_point'), 'pp-2', '123456')).toBe(false);
    expect(holdsOpenCode(arrived('at_pickup_point'), 'pp-1', '654321')).toBe(false);
    expect(holdsOpenCode(arrived('picked_up'), 'pp-1', '123456')).toBe(false);
  });

  it('collects once; a second scan says when; a wrong point or code is invalid', () => {
    expect(verifyPickupCode(arrived('at_pickup_point'), 'pp-1', '123456')).toEqual({ kind: 'pick_up' });
    expect(verifyPickupCode(arrived('picked_up', { receivedAt: NOW }), 'pp-1', '123456')).toEqual({
      kind: 'already',
      collectedAt: NOW,
    });
    expect(verifyPickupCode(arrived('completed', { receivedAt: NOW }), 'pp-1', '123456').kind).toBe('already');
    expect(verifyPickupCode(arrived('picked_up', { receivedAt: NOW }), 'pp-2', '123456').kind).toBe('invalid');
    expect(verifyPickupCode(arrived('at_pickup_point'), 'pp-2', '123456').kind).toBe('invalid');
    expect(verifyPickupCode(null, 'pp-1', '123456').kind).toBe('invalid');
  });
});

describe('receipt and completion', () => {
  it('reads the window from the environment: 7 days unless set, whole days from 1 to 90', () => {
    expect(afterSaleWindowDays(undefined)).toBe(7);
    expect(afterSaleWindowDays(' ')).toBe(7);
    expect(afterSaleWindowDays('15')).toBe(15);
    for (const bad of ['0', '91', '1.5', 'seven']) expect(() => afterSaleWindowDays(bad), bad).toThrow(/1 to 90/);
    expect(receiptAt(NOW, 7)).toEqual({ receivedAt: NOW, afterSaleEndsAt: NOW + 7 * DAY });
  });

  it('lets a shopper receive an express parcel on its way; a received one answers as it is', () => {
    expect(receiptDecision(order('shipped', address, { shipment: express() }))).toBe('receive');
    expect(receiptDecision(order('received', address, { shipment: express(), receivedAt: NOW }))).toBe('already');
    expect(receiptDecision(order('completed', address, { shipment: express(), receivedAt: NOW }))).toBe('already');
    expect(receiptDecision(order('refunding', address, { shipment: express(), receivedAt: NOW }))).toBe('refused');
    expect(receiptDecision(order('to_ship'))).toBe('refused');
    const atPoint = { kind: 'pickup' as const, pickupPointId: 'pp-1', batchId: 'B', shippedAt: NOW, by: 'x' };
    expect(receiptDecision(order('shipped', pickup(), { shipment: atPoint }))).toBe('refused');
  });

  it('receives parcels ten days after shipping, and completes once the window closed with no request open', () => {
    expect(autoReceiveCutoff(NOW)).toBe(NOW - 10 * DAY);
    const received = order('received', address, { afterSaleEndsAt: NOW });
    expect(isCompletable(received, NOW)).toBe(true);
    expect(isCompletable(received, NOW - 1)).toBe(false);
    expect(isCompletable({ ...received, openAfterSaleId: 'AS1' }, NOW)).toBe(false);
    expect(isCompletable(order('picked_up', pickup(), { afterSaleEndsAt: NOW }), NOW)).toBe(true);
    expect(isCompletable(order('shipped', address, { afterSaleEndsAt: NOW }), NOW)).toBe(false);
  });
});
