import { describe, expect, it } from 'vitest';
import { DomainError } from '../kernel/errors';
import { parseBusinessTime } from '../kernel/time';
import type { Delivery } from './delivery.schema';
import { CARRIERS, type CarrierCode, type Shipment } from './shipment.schema';
import {
  ITEM_DESC_MAX,
  itemDescOf,
  maskContact,
  newShippingReport,
  type ShippableOrder,
  shippingInfoSchema,
  shippingReportFor,
  shippingReportSchema,
  uploadTimeOf,
} from './shipping-report.schema';

const SHIPPED_AT = parseBusinessTime('2026-11-20 13:29:35') + 120;

const address: Delivery = {
  kind: 'address',
  name: '张三',
  phone: '13812345678',
  district: '渝中区',
  detail: '民权路 28 号',
};
const pickup: Delivery = {
  kind: 'pickup',
  pickupPointId: 'pp1',
  name: '解放碑自提点',
  address: '民权路 1 号',
  district: '渝中区',
  location: { type: 'Point', coordinates: [106.58, 29.56] },
};
const express = (carrier: CarrierCode = 'zhongtong'): Shipment => ({
  kind: 'express',
  carrier,
  trackingNo: '78794111518982',
  shippedAt: SHIPPED_AT,
  by: 'staff:merchant01',
});
const toPoint: Shipment = { kind: 'pickup', pickupPointId: 'pp1', batchId: 'b1', shippedAt: SHIPPED_AT, by: 'staff:m' };

const order = (overrides: Partial<ShippableOrder> = {}): ShippableOrder => ({
  _id: 'o1',
  openid: 'o-shopper',
  title: '奉节脐橙',
  spec: '5 斤装',
  quantity: 2,
  delivery: address,
  transactionId: '4200001927202309157703139548',
  shipment: express(),
  ...overrides,
});

describe('the shipping information of an order', () => {
  it('reports an express parcel: waybill, WeChat’s carrier code, masked receiver, the payment and its payer', () => {
    const info = shippingReportFor(order(), SHIPPED_AT);
    expect(info).toEqual({
      orderKey: { orderNumberType: 2, transactionId: '4200001927202309157703139548' },
      logisticsType: 1,
      deliveryMode: 1,
      shippingList: [
        {
          trackingNo: '78794111518982',
          expressCompany: 'ZTO',
          itemDesc: '奉节脐橙 5 斤装*2',
          contact: { receiverContact: '138****5678' },
        },
      ],
      uploadTime: '2026-11-20T13:29:35.120+08:00',
      payer: { openid: 'o-shopper' },
    });
    expect(shippingInfoSchema.parse(info)).toEqual(info);
  });

  it.each(Object.keys(CARRIERS) as CarrierCode[])('names %s by WeChat’s express_company code', (carrier) => {
    const [entry] = shippingReportFor(order({ shipment: express(carrier) }), SHIPPED_AT).shippingList;
    expect(entry?.expressCompany).toBe(CARRIERS[carrier].wechatDeliveryId);
  });

  it('gives 顺丰 the masked receiver phone WeChat requires for it', () => {
    const [entry] = shippingReportFor(order({ shipment: express('shunfeng') }), SHIPPED_AT).shippingList;
    expect(entry).toMatchObject({ expressCompany: 'SF', contact: { receiverContact: '138****5678' } });
  });

  it('reports a parcel sent to a pickup point as 用户自提, with no waybill, carrier nor contact', () => {
    const info = shippingReportFor(order({ delivery: pickup, shipment: toPoint }), SHIPPED_AT);
    expect(info).toMatchObject({ logisticsType: 4, deliveryMode: 1 });
    expect(info.shippingList).toEqual([{ itemDesc: '奉节脐橙 5 斤装*2' }]);
  });

  it('refuses an order without a WeChat Pay payment: there is nothing to report', () => {
    expect(() => shippingReportFor(order({ transactionId: undefined }), SHIPPED_AT)).toThrow(DomainError);
  });

  it('writes upload_time in RFC 3339 on the Shanghai clock, with milliseconds, whatever the runtime zone', () => {
    expect(uploadTimeOf(Date.UTC(2022, 11, 15, 5, 29, 35, 120))).toBe('2022-12-15T13:29:35.120+08:00');
    expect(uploadTimeOf(Date.UTC(2026, 0, 1, 16, 0, 0, 0))).toBe('2026-01-02T00:00:00.000+08:00');
    expect(uploadTimeOf(SHIPPED_AT)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+08:00$/);
  });
});

describe('masking a contact', () => {
  it('shows a mobile’s first 3 and last 4 digits, as WeChat’s example does', () => {
    expect(maskContact('13812345678')).toBe('138****5678');
    expect(maskContact('138 1234 5678')).toBe('138****5678');
  });

  it('shows only the last 4 digits of any other number', () => {
    expect(maskContact('023-63801234')).toBe('***-****1234');
    expect(maskContact('1234')).toBe('1234');
  });
});

describe('the item description', () => {
  it('is the title, the spec and the quantity', () => {
    expect(itemDescOf({ title: '奉节脐橙', spec: '5 斤装', quantity: 1 })).toBe('奉节脐橙 5 斤装*1');
    expect(itemDescOf({ title: ' 奉节脐橙 ', spec: '', quantity: 3 })).toBe('奉节脐橙*3');
  });

  it('is cut to 120 characters, the quantity kept, and never splits an emoji', () => {
    const exact = 'a'.repeat(ITEM_DESC_MAX - 2);
    expect(itemDescOf({ title: exact, spec: '', quantity: 1 })).toBe(`${exact}*1`);
    const long = itemDescOf({ title: '橙'.repeat(200), spec: '5 斤装', quantity: 12 });
    expect([...long]).toHaveLength(ITEM_DESC_MAX);
    expect(long.endsWith('…*12')).toBe(true);
    const emoji = itemDescOf({ title: '🍊'.repeat(130), spec: '', quantity: 1 });
    expect([...emoji]).toHaveLength(ITEM_DESC_MAX);
    expect(emoji).toBe(`${'🍊'.repeat(ITEM_DESC_MAX - 3)}…*1`);
  });
});

describe('a new report', () => {
  it('is pending and due at once, keyed by its order, with the payload it will upload on every attempt', () => {
    const report = newShippingReport(order(), SHIPPED_AT);
    expect(report).toMatchObject({
      orderId: 'o1',
      transactionId: '4200001927202309157703139548',
      openid: 'o-shopper',
      shipmentKind: 'express',
      status: 'pending',
      attempts: 0,
      nextAttemptAt: SHIPPED_AT,
      createdAt: SHIPPED_AT,
    });
    expect(report.info).toEqual(shippingReportFor(order(), SHIPPED_AT));
    expect(shippingReportSchema.parse(report)).toEqual(report);
  });
});
