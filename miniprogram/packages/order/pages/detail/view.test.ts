import { failure, money, parseBusinessTime, success } from '@shared/client';
import { describe, expect, it } from 'vitest';
import type { AfterSaleSummary } from '../../../../utils/after-sales';
import {
  AFTER_SALE_UNDER_WAY,
  type Order,
  type OrderTrack,
  orderDetailLoaded,
  orderDetailView,
  pickupCodeText,
  refundStatusText,
  TRACK_NOT_SCANNED,
  TRACK_UNAVAILABLE,
  trackView,
} from './view';

const now = parseBusinessTime('2025-06-01 12:00');
const MIN = 60_000;

const group: NonNullable<Order['group']> = {
  groupId: 'g1',
  status: 'forming',
  size: 3,
  seatsPaid: 1,
  seatsLeft: 2,
  deadlineAt: now + 90 * MIN,
};
const base: Order = {
  orderId: 'o-123',
  role: 'leader',
  status: 'awaiting_group',
  statusLabel: '待成团',
  activityId: 'a1',
  title: '江津花椒 250g',
  spec: '250g',
  quantity: 2,
  unitPrice: money.fen(1990),
  total: money.fen(3980),
  delivery: {
    kind: 'pickup',
    pickupPointId: 'p1',
    name: '解放碑自提点',
    address: '渝中区民族路166号',
    district: '渝中区',
    location: { type: 'Point', coordinates: [106.58, 29.56] },
  },
  createdAt: parseBusinessTime('2025-06-01 11:50'),
  payDeadlineAt: parseBusinessTime('2025-06-01 12:05'),
  payable: false,
  paidAt: parseBusinessTime('2025-06-01 11:51'),
  afterSaleTypes: [],
  group,
};
const view = (patch: Partial<Order>) => orderDetailView({ ...base, ...patch }, now);

describe('order detail: what happens next', () => {
  it('待付款: pay within the countdown, with 去支付', () => {
    const pending = view({
      status: 'pending_payment',
      statusLabel: '待付款',
      payable: true,
      paidAt: undefined,
      group: { ...group, status: 'pending', seatsPaid: 0 },
    });
    expect(pending).toMatchObject({
      statusLabel: '待付款',
      explanation: '',
      countdown: { deadline: base.payDeadlineAt, prefix: '请在 ', suffix: ' 内完成支付' },
      canPay: true,
      groupButton: '查看拼团',
    });
    expect(pending.timeRows).toEqual([{ label: '下单时间', value: '2025-06-01 11:50' }]);
  });

  it('待付款 past its deadline: no countdown and no 去支付', () => {
    const late = view({ status: 'pending_payment', payable: true, payDeadlineAt: now - 1 });
    expect(late).toMatchObject({ explanation: '支付已超时，订单即将关闭', countdown: null, canPay: false });
  });

  it('待成团: seats left, the group countdown and 邀请好友', () => {
    expect(view({})).toMatchObject({
      explanation: '还差2人成团，快邀请好友来拼',
      countdown: { deadline: now + 90 * MIN, prefix: '剩余 ', suffix: '' },
      canPay: false,
      groupButton: '邀请好友',
      groupId: 'g1',
    });
    expect(view({}).groupRows).toEqual([
      { label: '拼团状态', value: '拼团中，还差2人成团' },
      { label: '成团进度', value: '已付款 1/3 人' },
    ]);
    expect(view({ group: { ...group, deadlineAt: now } })).toMatchObject({
      explanation: '拼团时间已到，正在确认结果',
      countdown: null,
    });
  });

  it('a group the platform completed: 平台成团, with its real paid count', () => {
    const completed = { ...group, status: 'succeeded' as const, seatsPaid: 3, size: 5, seatsLeft: 2 };
    expect(view({ status: 'to_ship', group: { ...completed, completedBy: 'platform' } })).toMatchObject({
      explanation: '平台成团，商家将尽快发货',
      groupRows: [
        { label: '拼团状态', value: '平台成团' },
        { label: '成团进度', value: '已付款 3/5 人' },
        { label: '成团说明', value: '差的人数由平台补贴，照常发货' },
      ],
    });
    expect(view({ status: 'to_ship', group: completed }).groupRows[0]).toEqual({
      label: '拼团状态',
      value: '拼团成功',
    });
  });

  it('待发货, 已发货, 已完成 and 已关闭 explain themselves', () => {
    expect(view({ status: 'to_ship' }).explanation).toBe('拼团成功，商家将尽快发货');
    expect(view({ status: 'to_ship', role: 'solo', group: undefined })).toMatchObject({
      explanation: '付款成功，商家将尽快发货',
      groupButton: '',
      groupRows: [],
    });
    expect(view({ status: 'shipped' })).toMatchObject({
      explanation: '商品正在送往自提点',
      groupButton: '查看拼团',
    });
    const address = {
      kind: 'address',
      name: '李四',
      phone: '13812341234',
      district: '江北区',
      detail: '观音桥',
    } as const;
    expect(view({ status: 'shipped', delivery: address }).explanation).toBe('商家已发货，请留意收货');
    expect(view({ status: 'at_pickup_point' }).explanation).toBe('商品已到自提点，请凭取货码取货');
    expect(view({ status: 'picked_up' }).explanation).toBe('已收货，如有问题可申请售后');
    expect(view({ status: 'completed' }).explanation).toBe('订单已完成，欢迎再来拼');
    expect(view({ status: 'closed', closedAt: now }).timeRows.at(-1)).toEqual({
      label: '关闭时间',
      value: '2025-06-01 12:00',
    });
  });
});

describe('order detail: refunds', () => {
  const refund = (status: NonNullable<Order['refund']>['status']) => ({
    status,
    amount: money.fen(3980),
    requestedAt: parseBusinessTime('2025-06-02 10:00'),
    updatedAt: parseBusinessTime('2025-06-02 10:05'),
  });

  it('says where the money is', () => {
    expect(refundStatusText('requested')).toBe('退款处理中，预计1-3个工作日原路退回');
    expect(refundStatusText('processing')).toBe('退款处理中，预计1-3个工作日原路退回');
    expect(refundStatusText('succeeded')).toBe('已原路退回');
    expect(refundStatusText('failed')).toBe('退款遇到问题，客服将联系你');
    expect(refundStatusText('flagged')).toBe('退款遇到问题，客服将联系你');
    expect(refundStatusText('settled_offline')).toBe('已由客服线下退回');
  });

  it('退款中: the amount, the progress and when it was asked for', () => {
    const refunding = view({
      status: 'refunding',
      statusLabel: '退款中',
      refund: refund('processing'),
      group: { ...group, status: 'failed' },
    });
    expect(refunding.explanation).toBe('退款处理中，预计1-3个工作日原路退回');
    expect(refunding.refundRows).toEqual([
      { label: '退款金额', value: '¥39.80' },
      { label: '退款进度', value: '退款处理中，预计1-3个工作日原路退回' },
      { label: '申请时间', value: '2025-06-02 10:00' },
      { label: '最近更新', value: '2025-06-02 10:05' },
    ]);
    expect(refunding.groupRows[0]).toEqual({ label: '拼团状态', value: '拼团失败' });
  });

  it('已退款: back the way it was paid, with when', () => {
    const refunded = view({ status: 'refunded', statusLabel: '已退款', refund: refund('succeeded') });
    expect(refunded.explanation).toBe('已原路退回');
    expect(refunded.refundRows.at(-1)).toEqual({ label: '退款时间', value: '2025-06-02 10:05' });
    expect(view({ status: 'refunded', refund: undefined })).toMatchObject({
      explanation: '已原路退回',
      refundRows: [],
    });
  });
});

describe('order detail: item, delivery and errors', () => {
  it('shows the item with unit price and total in yuan', () => {
    expect(view({}).itemRows).toEqual([
      { label: '商品', value: '江津花椒 250g' },
      { label: '规格', value: '250g × 2' },
      { label: '单价', value: '¥19.90' },
      { label: '合计', value: '¥39.80' },
    ]);
  });

  it('shows a pickup point, or an address with the phone masked', () => {
    expect(view({}).deliveryRows).toEqual([
      { label: '配送方式', value: '到自提点取货' },
      { label: '自提点', value: '解放碑自提点' },
      { label: '自提地址', value: '渝中区民族路166号' },
    ]);
    const delivered = view({
      delivery: { kind: 'address', name: '李四', phone: '13812341234', district: '江北区', detail: '观音桥步行街8号' },
    });
    expect(delivered.deliveryRows).toEqual([
      { label: '配送方式', value: '送货上门' },
      { label: '收货人', value: '李四 138****1234' },
      { label: '收货地址', value: '重庆市江北区观音桥步行街8号' },
    ]);
  });

  it("shows the envelope's message when the order cannot be read", () => {
    expect(orderDetailLoaded(failure('NOT_FOUND'), now)).toEqual({ state: 'error', message: '内容不存在或已下架' });
    expect(orderDetailLoaded(success(base), now)).toMatchObject({ state: 'ready', order: { orderId: 'o-123' } });
  });
});

const DAY = 86_400_000;
const address = {
  kind: 'address',
  name: '李四',
  phone: '13812341234',
  district: '江北区',
  detail: '观音桥',
} as const;
const express = {
  kind: 'express',
  carrier: 'shunfeng',
  carrierName: '顺丰速运',
  trackingNo: 'SF1234567890',
  shippedAt: parseBusinessTime('2025-06-01 09:00'),
} as const;
const batch = {
  kind: 'pickup',
  pickupPointId: 'p1',
  batchId: 'B1',
  shippedAt: parseBusinessTime('2025-06-01 08:00'),
} as const;
const solo = { role: 'solo', group: undefined } as const;
const request = (status: AfterSaleSummary['status'], statusLabel: string): AfterSaleSummary => ({
  afterSaleId: 'ASo-123-1',
  orderId: 'o-123',
  title: '江津花椒 250g',
  type: 'return_refund',
  typeLabel: '退货退款',
  status,
  statusLabel,
  amount: money.fen(3980),
  createdAt: now - DAY,
  updatedAt: now - DAY,
});

describe('order detail: shipping, receipt and pickup', () => {
  it('已发货 by express: carrier, waybill to copy, its track, 确认收货, and a refund or a return may be asked', () => {
    const shipped = view({
      ...solo,
      status: 'shipped',
      statusLabel: '已发货',
      delivery: address,
      shipment: express,
      afterSaleTypes: ['refund_only', 'return_refund'],
    });
    expect(shipped).toMatchObject({
      explanation: '商家已发货，请留意收货',
      shipmentRows: [
        { label: '快递公司', value: '顺丰速运' },
        { label: '发货时间', value: '2025-06-01 09:00' },
      ],
      trackingNo: 'SF1234567890',
      tracked: true,
      pickup: null,
      canConfirmReceipt: true,
      canApplyAfterSale: true,
      canPay: false,
      groupButton: '',
    });
  });

  it('已发货 to a pickup point: the batch, no track and nothing to confirm (collecting is the receipt)', () => {
    const shipped = view({ ...solo, status: 'shipped', shipment: batch });
    expect(shipped).toMatchObject({
      explanation: '商品正在送往自提点',
      shipmentRows: [{ label: '发往自提点', value: '2025-06-01 08:00' }],
      trackingNo: '',
      tracked: false,
      canConfirmReceipt: false,
    });
  });

  it('待取货: the pickup code as digits and a QR code, where to collect it', () => {
    const waiting = view({
      ...solo,
      status: 'at_pickup_point',
      statusLabel: '待取货',
      shipment: { ...batch, arrivedAt: parseBusinessTime('2025-06-01 11:00') },
      pickupCode: '042917',
    });
    expect(waiting).toMatchObject({
      explanation: '商品已到自提点，请凭取货码取货',
      pickup: { code: '042917', codeText: '042 917', pointName: '解放碑自提点', address: '渝中区民族路166号' },
      shipmentRows: [
        { label: '发往自提点', value: '2025-06-01 08:00' },
        { label: '到达自提点', value: '2025-06-01 11:00' },
      ],
      canConfirmReceipt: false,
    });
    expect(view({ ...solo, status: 'at_pickup_point', shipment: batch }).pickup).toBeNull();
    expect(pickupCodeText('123456')).toBe('123 456');
  });

  it('已收货: until when after-sales may be asked, with receipt and window in the times; none once it closed', () => {
    const receivedAt = now - DAY;
    const received = view({
      ...solo,
      status: 'received',
      statusLabel: '已收货',
      delivery: address,
      shipment: express,
      receivedAt,
      afterSaleEndsAt: receivedAt + 7 * DAY,
      afterSaleTypes: ['refund_only', 'return_refund', 'exchange'],
    });
    expect(received).toMatchObject({
      explanation: '已收货，06-07 12:00 前如有问题可申请售后',
      canConfirmReceipt: false,
      canApplyAfterSale: true,
    });
    expect(received.timeRows.slice(-2)).toEqual([
      { label: '收货时间', value: '2025-05-31 12:00' },
      { label: '售后截止', value: '2025-06-07 12:00' },
    ]);
    const closed = view({ ...solo, status: 'picked_up', receivedAt, afterSaleEndsAt: now - 1 });
    expect(closed).toMatchObject({ explanation: '已收货，如有问题可申请售后', canApplyAfterSale: false });
    expect(closed.timeRows.at(-2)).toEqual({ label: '取货时间', value: '2025-05-31 12:00' });
    const completed = view({ ...solo, status: 'completed', completedAt: now, afterSaleEndsAt: now - 1 });
    expect(completed).toMatchObject({ canApplyAfterSale: false, canConfirmReceipt: false });
    expect(completed.timeRows.at(-1)).toEqual({ label: '完成时间', value: '2025-06-01 12:00' });
  });

  it('申请售后 shows while getOrder offers any type', () => {
    expect(view({ ...solo, status: 'to_ship', afterSaleTypes: ['refund_only'] }).canApplyAfterSale).toBe(true);
    expect(view({ ...solo, status: 'to_ship', afterSaleTypes: [] }).canApplyAfterSale).toBe(false);
  });
});

describe('order detail: its after-sales request', () => {
  const received: Partial<Order> = {
    ...solo,
    status: 'received',
    receivedAt: now - DAY,
    afterSaleEndsAt: now + 6 * DAY,
  };
  const open: Partial<Order> = { ...received, openAfterSaleId: 'ASo-123-1', afterSaleTypes: [] };

  it('an open request: its line opens the progress, and no second one may be asked', () => {
    const withOpen = orderDetailView({ ...base, ...open }, now, request('pending_review', '待商家处理'));
    expect(withOpen).toMatchObject({
      afterSale: { afterSaleId: 'ASo-123-1', text: '退货退款 · 待商家处理' },
      canApplyAfterSale: false,
    });
  });

  it('a finished request still shows, with 申请售后 again while the window is open', () => {
    const again: Partial<Order> = { ...received, afterSaleTypes: ['refund_only', 'return_refund', 'exchange'] };
    const withDeclined = orderDetailView({ ...base, ...again }, now, request('declined', '商家已拒绝'));
    expect(withDeclined).toMatchObject({
      afterSale: { text: '退货退款 · 商家已拒绝' },
      canApplyAfterSale: true,
    });
    expect(orderDetailView({ ...base, ...again }, now).afterSale).toBeNull();
  });

  it('reads the latest request from the list; when the list fails, the open one getOrder names', () => {
    const withList = orderDetailLoaded(
      success({ ...base, ...open }),
      now,
      success({ items: [request('returning', '商品寄回中')] }),
    );
    expect(withList).toMatchObject({ order: { afterSale: { text: '退货退款 · 商品寄回中' } } });
    expect(orderDetailLoaded(success({ ...base, ...open }), now, failure('UNAVAILABLE'))).toMatchObject({
      state: 'ready',
      order: { afterSale: { afterSaleId: 'ASo-123-1', text: AFTER_SALE_UNDER_WAY } },
    });
    expect(orderDetailLoaded(success({ ...base, ...received }), now, failure('UNAVAILABLE'))).toMatchObject({
      order: { afterSale: null },
    });
  });
});

describe('order detail: the parcel track', () => {
  const parcel = (patch: Partial<Extract<OrderTrack, { kind: 'express' }>> = {}): OrderTrack => ({
    kind: 'express',
    orderId: 'o-123',
    carrier: 'shunfeng',
    carrierName: '顺丰速运',
    trackingNo: 'SF1234567890',
    shippedAt: parseBusinessTime('2025-06-01 09:00'),
    stale: false,
    ...patch,
  });
  const track: NonNullable<Extract<OrderTrack, { kind: 'express' }>['track']> = {
    state: 'in_transit',
    stateLabel: '运输中',
    events: [
      { at: parseBusinessTime('2025-06-02 08:30'), place: '重庆市', text: '快件已到达【重庆转运中心】' },
      { at: parseBusinessTime('2025-06-01 18:00'), text: '顺丰速运 已收取快件' },
    ],
    checkedAt: parseBusinessTime('2025-06-02 09:00'),
    final: false,
  };

  it('shows each step newest first, the newest highlighted', () => {
    expect(trackView(success(parcel({ track })))).toEqual({
      stateLabel: '运输中',
      steps: [
        { time: '06-02 08:30', place: '重庆市', text: '快件已到达【重庆转运中心】', latest: true },
        { time: '06-01 18:00', place: '', text: '顺丰速运 已收取快件', latest: false },
      ],
      note: '',
      empty: '',
    });
  });

  it('a stale track is the last known one with when it was given, never an error', () => {
    expect(trackView(success(parcel({ track, stale: true })))).toMatchObject({
      stateLabel: '运输中',
      note: '物流信息更新于 06-02 09:00',
    });
    expect(trackView(success(parcel({ stale: true })))).toEqual({
      stateLabel: '',
      steps: [],
      note: '',
      empty: TRACK_UNAVAILABLE,
    });
    expect(trackView(failure('UNAVAILABLE'))).toMatchObject({ steps: [], empty: TRACK_UNAVAILABLE });
  });

  it('before the first scan it says so; a pickup or unshipped order has no track', () => {
    expect(trackView(success(parcel()))).toMatchObject({ steps: [], empty: TRACK_NOT_SCANNED });
    expect(
      trackView(
        success(parcel({ track: { ...track, state: 'awaiting_collection', stateLabel: '待揽收', events: [] } })),
      ),
    ).toMatchObject({ stateLabel: '待揽收', empty: TRACK_NOT_SCANNED });
    expect(trackView(success({ kind: 'not_shipped', orderId: 'o-123' }))).toBeNull();
    expect(trackView(success({ kind: 'pickup', orderId: 'o-123', shippedAt: now }))).toBeNull();
  });
});
