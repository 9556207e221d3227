import { failure, type getOrderContract, money, parseBusinessTime, type ResponseOf, success } from '@shared/client';
import { describe, expect, it } from 'vitest';
import {
  type ApplyForm,
  applyFormView,
  applyOrderLoaded,
  type ApplyOrder,
  applyRequest,
  initialForm,
  newRequestKey,
  NOTHING_TO_APPLY,
  REASON_OPTIONS,
  yuanToFen,
} from './view';

const now = parseBusinessTime('2025-06-05 12:00');
const DAY = 86_400_000;
type Order = ResponseOf<typeof getOrderContract>;
const order: Order = {
  orderId: 'o1',
  role: 'solo',
  status: 'received',
  statusLabel: '已收货',
  title: '江津花椒 250g',
  spec: '250g',
  quantity: 3,
  unitPrice: money.fen(3990),
  total: money.fen(11970),
  delivery: { kind: 'address', name: '李四', phone: '13812341234', district: '江北区', detail: '观音桥' },
  createdAt: now - 5 * DAY,
  payDeadlineAt: now - 5 * DAY,
  payable: false,
  receivedAt: now - DAY,
  afterSaleEndsAt: now + 6 * DAY,
  afterSaleTypes: ['refund_only', 'return_refund', 'exchange'],
};
const loaded = (patch: Partial<Order>) => applyOrderLoaded(success({ ...order, ...patch }));
const ready = (patch: Partial<Order> = {}): ApplyOrder => {
  const state = loaded(patch);
  if (state.state !== 'ready') throw new Error(state.message);
  return state.order;
};
const form = (patch: Partial<ApplyForm> = {}, on = ready()): ApplyForm => ({
  ...initialForm(on),
  reason: 'quality',
  ...patch,
});
const KEY = 'as-m1x2y3-abcdefghijkl';

describe('申请售后: what the order allows', () => {
  it('a received order: refund, return or exchange, the whole amount to start with', () => {
    const received = ready();
    expect(received).toEqual({
      orderId: 'o1',
      title: '江津花椒 250g',
      specText: '250g × 3',
      total: 11970,
      types: ['refund_only', 'return_refund', 'exchange'],
      beforeShipping: false,
    });
    expect(initialForm(received)).toEqual({
      type: 'refund_only',
      reason: '',
      description: '',
      amountText: '119.70',
      photos: [],
    });
    expect(applyFormView(received, initialForm(received))).toMatchObject({
      typeOptions: [
        { value: 'refund_only', label: '仅退款' },
        { value: 'return_refund', label: '退货退款' },
        { value: 'exchange', label: '换货' },
      ],
      showAmount: true,
      amountHint: '最多 ¥119.70，可申请部分退款',
      typeNote: '商家同意后退款原路退回',
      photosLeft: 6,
      canAddPhoto: true,
    });
  });

  it('on its way: what getOrder offers; before shipping a refund of everything, with no amount to enter', () => {
    const onTheWay: Partial<Order> = { status: 'shipped', afterSaleTypes: ['refund_only', 'return_refund'] };
    expect(ready(onTheWay).types).toEqual(['refund_only', 'return_refund']);
    const toShip = ready({ status: 'to_ship', afterSaleTypes: ['refund_only'] });
    expect(toShip).toMatchObject({ types: ['refund_only'], beforeShipping: true });
    expect(applyFormView(toShip, initialForm(toShip))).toMatchObject({
      showAmount: false,
      typeNote: '商品尚未发货，提交后将全额退款并取消订单',
    });
  });

  it('no form when getOrder offers nothing (a request open, the window closed...), or the order cannot be read', () => {
    expect(loaded({ afterSaleTypes: [], openAfterSaleId: 'ASo1-1' })).toEqual({
      state: 'empty',
      message: NOTHING_TO_APPLY,
    });
    expect(applyOrderLoaded(failure('NOT_FOUND'))).toEqual({ state: 'error', message: '内容不存在或已下架' });
  });

  it('an exchange asks no amount; six photos leave no room for a seventh', () => {
    const photos = Array.from({ length: 6 }, (_, n) => ({ path: `tmp/${n}.jpg`, fileId: `cloud://e.b/${n}.jpg` }));
    expect(applyFormView(ready(), form({ type: 'exchange', photos }))).toMatchObject({
      showAmount: false,
      typeNote: '商家同意后请寄回商品，商家收货后发出换货',
      photosLeft: 0,
      canAddPhoto: false,
    });
  });
});

describe('申请售后: the request', () => {
  it('the whole amount is left out (everything still refundable); a smaller one is sent in fen', () => {
    const photo = { path: 'wxfile://tmp/1.jpg', fileId: 'cloud://env.bucket/after-sales/o1/1.jpg' };
    expect(applyRequest(ready(), form({ description: '  受潮了 ', photos: [photo] }), KEY)).toEqual({
      orderId: 'o1',
      type: 'refund_only',
      reason: 'quality',
      description: '受潮了',
      photos: ['cloud://env.bucket/after-sales/o1/1.jpg'],
      requestKey: KEY,
    });
    expect(applyRequest(ready(), form({ type: 'return_refund', amountText: '39.9' }), KEY)).toMatchObject({
      type: 'return_refund',
      amount: 3990,
    });
    expect(applyRequest(ready(), form({ type: 'exchange', amountText: 'x' }), KEY)).not.toHaveProperty('amount');
  });

  it('says what to fix first: the reason, the amount, the description', () => {
    expect(applyRequest(ready(), form({ reason: '' }), KEY)).toEqual({ error: '请选择申请原因' });
    for (const amountText of ['0', '119.71', 'abc', '1.234', '']) {
      expect(applyRequest(ready(), form({ amountText }), KEY)).toEqual({
        error: '退款金额需在 ¥0.01 到 ¥119.70 之间',
      });
    }
    expect(applyRequest(ready(), form({ description: '字'.repeat(501) }), KEY)).toEqual({ error: '问题描述最多500字' });
    const toShip = ready({ status: 'to_ship', afterSaleTypes: ['refund_only'] });
    expect(applyRequest(toShip, form({ type: 'return_refund' }, toShip), KEY)).toEqual({ error: '请选择售后类型' });
    expect(applyRequest(toShip, form({ amountText: '1' }, toShip), KEY)).not.toHaveProperty('amount');
  });

  it('reads yuan as fen, and offers every reason', () => {
    expect(yuanToFen('29.9')).toBe(2990);
    expect(yuanToFen(' 0.05 ')).toBe(5);
    expect(yuanToFen('12')).toBe(1200);
    expect(yuanToFen('1e3')).toBeUndefined();
    expect(REASON_OPTIONS.map((r) => r.label)).toEqual([
      '未收到货',
      '少件/漏发',
      '质量问题',
      '商品破损',
      '发错货',
      '与描述不符',
      '不想要了',
    ]);
  });

  it('gives each form a key the server accepts', () => {
    const key = newRequestKey(now, () => 0.5);
    expect(key).toMatch(/^[A-Za-z0-9-]{8,64}$/);
    expect(newRequestKey(now)).not.toBe(newRequestKey(now));
  });
});
