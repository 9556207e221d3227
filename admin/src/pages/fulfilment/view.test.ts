import { money } from '@shared/admin-client';
import { describe, expect, it } from 'vitest';
import {
  batchChoice,
  CARRIER_OPTIONS,
  checkWaybill,
  deliveryLabel,
  expressChoice,
  pickingRows,
  pickupCodeProblem,
  resultLine,
  shipmentsFrom,
  shipSummary,
  type ToShipOrder,
  verifyMessage,
} from './view';

const point = (pickupPointId: string, name: string) => ({
  kind: 'pickup' as const,
  pickupPointId,
  name,
  address: '渝中区民权路 28 号',
  district: '渝中区' as const,
  location: { type: 'Point' as const, coordinates: [106.5775, 29.5577] as [number, number] },
});
const address = {
  kind: 'address' as const,
  name: '陈老板',
  phone: '13812345678',
  district: '渝中区' as const,
  detail: '解放碑 1 号',
};

function order(orderId: string, extra: Partial<ToShipOrder> = {}): ToShipOrder {
  return {
    orderId,
    merchantId: 'm-1',
    role: 'solo',
    title: '江津花椒',
    spec: '250g',
    quantity: 1,
    unitPrice: money.fen(1990),
    total: money.fen(1990),
    refundedAmount: money.ZERO,
    status: 'to_ship',
    statusLabel: '待发货',
    shopper: 'o-ab…yz',
    delivery: address,
    createdAt: 0,
    afterSaleOpen: false,
    ...extra,
  };
}

describe('shipping view', () => {
  it('offers every carrier by its Chinese name and says where an order goes', () => {
    expect(CARRIER_OPTIONS).toContainEqual({ value: 'shunfeng', label: '顺丰速运' });
    expect(CARRIER_OPTIONS.length).toBeGreaterThanOrEqual(9);
    expect(deliveryLabel(order('O1'))).toBe('快递 · 陈老板（渝中区）');
    expect(deliveryLabel(order('O2', { delivery: point('pp-1', '解放碑便民驿站') }))).toBe('自提 · 解放碑便民驿站');
  });

  it('checks waybills before sending, each bad row with its own message', () => {
    expect(checkWaybill(' SF1234567890 ')).toEqual({ ok: true, trackingNo: 'SF1234567890' });
    for (const [bad, message] of [
      ['', '请填写运单号'],
      ['12345', '运单号为 6–32 位字母或数字'],
      ['SF-123456', '运单号为 6–32 位字母或数字'],
    ] as const)
      expect(checkWaybill(bad)).toEqual({ ok: false, message });
    expect(
      shipmentsFrom([
        { orderId: 'O1', carrier: 'yunda', trackingNo: ' 4310000000001 ' },
        { orderId: 'O2', carrier: 'ems', trackingNo: 'EM123456789CN' },
      ]),
    ).toEqual({
      ok: true,
      shipments: [
        { orderId: 'O1', carrier: 'yunda', trackingNo: '4310000000001' },
        { orderId: 'O2', carrier: 'ems', trackingNo: 'EM123456789CN' },
      ],
    });
    expect(
      shipmentsFrom([
        { orderId: 'O1', carrier: '', trackingNo: '4310000000001' },
        { orderId: 'O2', carrier: 'ems', trackingNo: 'x' },
        { orderId: 'O3', carrier: 'ems', trackingNo: 'EM123456789CN' },
      ]),
    ).toEqual({ ok: false, problems: { O1: '请选择快递公司', O2: '运单号为 6–32 位字母或数字' } });
  });

  it('ships only express orders with no after-sales open, and batches one merchant’s orders for one point', () => {
    const atA = (id: string, extra: Partial<ToShipOrder> = {}) =>
      order(id, { delivery: point('pp-a', '解放碑便民驿站'), ...extra });
    expect(expressChoice([order('O1'), order('O2')])).toEqual({ ok: true });
    expect(expressChoice([])).toMatchObject({ ok: false });
    expect(expressChoice([order('O1'), atA('O2')])).toEqual({ ok: false, message: '自提订单请用“发往自提点”' });
    expect(expressChoice([order('O1', { afterSaleOpen: true })])).toMatchObject({ ok: false });

    expect(batchChoice([atA('O1'), atA('O2')])).toEqual({
      ok: true,
      batch: { pickupPointId: 'pp-a', pointName: '解放碑便民驿站', merchantId: 'm-1', orderIds: ['O1', 'O2'] },
    });
    expect(batchChoice([atA('O1'), order('O2')])).toEqual({ ok: false, message: '快递订单请用“快递发货”' });
    expect(batchChoice([atA('O1'), order('O2', { delivery: point('pp-b', '较场口') })])).toMatchObject({
      ok: false,
      message: '一批只能发往一个自提点，请按自提点筛选后再勾选',
    });
    expect(batchChoice([atA('O1'), atA('O2', { merchantId: 'm-2' })])).toMatchObject({ ok: false });
    expect(batchChoice([atA('O1', { afterSaleOpen: true })])).toMatchObject({ ok: false });
    expect(batchChoice([])).toMatchObject({ ok: false });
  });

  it('tells what a shipping request did, order by order', () => {
    expect(shipSummary({ done: 2, repeated: 0, refused: 1, unfinished: 0 })).toBe('已发货 2 单，未发货 1 单');
    expect(shipSummary({ done: 0, repeated: 0, refused: 0, unfinished: 0 })).toBe('没有订单');
    expect(
      resultLine({ orderId: 'O1', outcome: 'refused', reason: 'not_to_ship', reasonLabel: '订单不是待发货状态' }),
    ).toBe('O1：未发货（订单不是待发货状态）');
    expect(resultLine({ orderId: 'O2', outcome: 'done' })).toBe('O2：已发货');
  });

  it('lays the picking summary out as rows, express first, each bucket spanning its SKUs', () => {
    const line = (skuId: string, units: number) => ({ skuId, title: skuId, spec: '1 斤', orders: 1, units });
    const rows = pickingRows({
      express: { orders: 1, units: 2, skus: [line('s-1', 2)] },
      points: [
        { pickupPointId: 'pp-a', name: '解放碑便民驿站', orders: 3, units: 5, skus: [line('s-1', 3), line('s-2', 2)] },
      ],
    });
    expect(rows.map((r) => [r.destination, r.skuId, r.units, r.span])).toEqual([
      ['快递到家', 's-1', 2, 1],
      ['自提 · 解放碑便民驿站', 's-1', 3, 2],
      ['自提 · 解放碑便民驿站', 's-2', 2, 0],
    ]);
    expect(pickingRows({ express: { orders: 0, units: 0, skus: [] }, points: [] })).toEqual([]);
  });

  it('checks a pickup code and says what 核销 did', () => {
    expect(pickupCodeProblem('', '123456')).toBe('请选择自提点');
    expect(pickupCodeProblem('pp-a', '12345')).toBe('请输入 6 位数字取货码');
    expect(pickupCodeProblem('pp-a', ' 123456 ')).toBeUndefined();
    const o = { orderId: 'O1', title: '江津花椒', spec: '250g', quantity: 2 };
    expect(verifyMessage({ outcome: 'collected', collectedAt: 0, order: o })).toEqual({
      theme: 'success',
      title: '核销成功，请交付商品',
      detail: '订单 O1 · 江津花椒 · 250g × 2',
    });
    const again = verifyMessage({
      outcome: 'already_collected',
      collectedAt: Date.parse('2026-12-02T02:30:00Z'),
      order: o,
    });
    expect(again.theme).toBe('warning');
    expect(again.title).toMatch(/^已于 2026-12-02 10:30(:00)? 取货，请勿重复交付$/);
  });
});
