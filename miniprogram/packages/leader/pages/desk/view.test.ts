import { failure, parseBusinessTime, success } from '@shared/client';
import { describe, expect, it } from 'vitest';
import { deskLoaded, deskView, type PickupDesk, scannedCode, typedCode, verifyResult } from './view';

const at = (text: string) => parseBusinessTime(text);
const desk: PickupDesk = {
  pickupPoint: { pickupPointId: 'pp-jfb', name: '解放碑便民驿站', address: '渝中区民权路 28 号' },
  dayStart: at('2026-12-08 00:00'),
  arrivals: [
    { skuId: 's1', title: '江津花椒', spec: '250g', orders: 3, units: 4, unitsWaiting: 1 },
    { skuId: 's2', title: '奉节脐橙', spec: '5kg', orders: 1, units: 1, unitsWaiting: 0 },
  ],
  due: [
    { orderId: 'O1', shopper: '赵*宝', title: '奉节脐橙', spec: '5kg', quantity: 3, arrivedAt: at('2026-12-07 17:20') },
    {
      orderId: 'O2',
      shopper: '王*明',
      phoneTail: '5678',
      title: '江津花椒',
      spec: '250g',
      quantity: 1,
      arrivedAt: at('2026-12-08 09:05'),
    },
  ],
  dueMore: true,
  collected: [
    {
      orderId: 'O3',
      shopper: '李*',
      title: '江津花椒',
      spec: '250g',
      quantity: 2,
      collectedAt: at('2026-12-08 10:30'),
    },
  ],
  collectedMore: false,
};

describe('自提点工作台 view', () => {
  it('shows arrivals by SKU, who is due (older days dated) and what was collected today', () => {
    expect(deskView(desk)).toEqual({
      pointName: '解放碑便民驿站',
      pointAddress: '渝中区民权路 28 号',
      arrivals: [
        { key: 's1', goods: '江津花椒 250g', units: '4 件（3 单）', waiting: '待取 1 件' },
        { key: 's2', goods: '奉节脐橙 5kg', units: '1 件（1 单）', waiting: '已取完' },
      ],
      due: [
        { key: 'O1', shopper: '赵*宝', goods: '奉节脐橙 5kg × 3', when: '12-07 17:20 到达' },
        { key: 'O2', shopper: '王*明 尾号5678', goods: '江津花椒 250g × 1', when: '09:05 到达' },
      ],
      collected: [{ key: 'O3', shopper: '李*', goods: '江津花椒 250g × 2', when: '10:30 取走' }],
      dueTitle: '待取货（2+）',
      collectedTitle: '今日已取（1）',
    });
    expect(deskLoaded(success(desk))).toMatchObject({ state: 'ready', desk: { pointName: '解放碑便民驿站' } });
    expect(deskLoaded(failure('FORBIDDEN'))).toEqual({ state: 'error', message: '没有权限进行此操作' });
  });

  it('checks exactly the six digits the shopper’s QR holds, or the digits typed', () => {
    expect(scannedCode('042917')).toEqual({ code: '042917' });
    expect(scannedCode('https://example.com/042917')).toEqual({
      problem: '这不是取货码，请扫描顾客订单页的取货二维码',
    });
    expect(typedCode('042 917')).toEqual({ code: '042917' });
    expect(typedCode('04291')).toEqual({ problem: '请输入 6 位数字取货码' });
  });

  it('says what a check came to', () => {
    const order = { orderId: 'O2', shopper: '王*明', title: '江津花椒', spec: '250g', quantity: 1 };
    expect(verifyResult(success({ outcome: 'collected', collectedAt: at('2026-12-08 11:00'), order }))).toEqual({
      ok: true,
      toast: '核销成功，请交付商品',
      title: '核销成功，请交付商品',
      detail: '王*明 · 江津花椒 250g × 1',
    });
    expect(
      verifyResult(success({ outcome: 'already_collected', collectedAt: at('2026-12-08 10:30'), order })),
    ).toMatchObject({ ok: false, toast: '已于 12-08 10:30 取货', title: '已于 12-08 10:30 取货，请勿重复交付' });
    expect(verifyResult(failure('PICKUP_CODE_INVALID'))).toEqual({
      ok: false,
      toast: '取货码不正确，或该订单不在本自提点',
      title: '取货码不正确，或该订单不在本自提点',
      detail: '',
    });
  });
});
