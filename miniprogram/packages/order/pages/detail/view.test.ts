import { failure, money, parseBusinessTime, success } from '@shared/client';
import { describe, expect, it } from 'vitest';
import { type Order, orderDetailLoaded, orderDetailView, refundStatusText } from './view';

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
