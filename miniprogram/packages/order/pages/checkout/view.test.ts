import {
  type ErrorCode,
  failure,
  getActivityContract,
  getGroupContract,
  GROUP_PAGE,
  success,
  userMessage,
} from '@shared/client';
import { describe, expect, it } from 'vitest';
import type { AddressDelivery } from '../../../../services/addresses';
import {
  type ActivityData,
  afterPay,
  canPay,
  type CheckoutState,
  type CheckoutTarget,
  checkoutTarget,
  checkoutView,
  chosenDelivery,
  deliveryText,
  loadFailureView,
  orderErrorText,
  PAY_CANCELLED,
  quantityBounds,
  scopedPoint,
  startCheckout,
  unitPrice,
  withPickupPoints,
} from './view';

const now = 1_764_000_000_000;
const DAY = 86_400_000;

const activity = (overrides: Record<string, unknown> = {}): ActivityData =>
  getActivityContract.response.parse({
    activityId: 'act-orange',
    title: '奉节脐橙 5斤装',
    status: 'active',
    onSale: true,
    groupPrice: 3990,
    soloPrice: 4990,
    groupSize: 3,
    validityHours: 24,
    startAt: now - DAY,
    endAt: now + DAY,
    perOrderLimit: 5,
    perUserLimit: 10,
    newCustomerOnly: false,
    stockMode: 'dedicated',
    stockLeft: 100,
    product: { productId: 'p1', title: '奉节脐橙', subtitle: '', images: ['cloud://x/orange.jpg'], origin: '奉节' },
    sku: { skuId: 'sku-orange-5', spec: '5斤装' },
    openGroups: [],
    ...overrides,
  });

const joinedGroup = getGroupContract.response.parse({
  groupId: 'G1',
  activityId: 'act-orange',
  status: 'forming',
  title: '奉节脐橙 5斤装',
  spec: '5斤装',
  image: 'cloud://x/orange-g.jpg',
  groupPrice: 3690,
  soloPrice: 4990,
  size: 3,
  seatsPaid: 1,
  seatsLeft: 2,
  members: [],
  deadlineAt: now + DAY,
  shareTitle: '',
  joinable: true,
  viewer: 'visitor',
});

const points = [
  {
    pickupPointId: 'pp-jfb',
    name: '解放碑便民驿站',
    address: '渝中区民权路 28 号',
    district: '渝中区',
    distanceMeters: 850,
  },
  {
    pickupPointId: 'pp-gyq',
    name: '观音桥驿站',
    address: '江北区建新北路 1 号',
    district: '江北区',
    distanceMeters: 4321,
  },
] as const;

const home: AddressDelivery = {
  kind: 'address',
  name: '李嬢嬢',
  phone: '13800138000',
  district: '南岸区',
  detail: '南坪万达广场 2 栋',
};

const refusal = (code: ErrorCode) => ({ code, message: userMessage(code) });

const open: CheckoutTarget = { mode: 'open', activityId: 'act-orange' };

const checkout = (overrides: Partial<CheckoutState> = {}): CheckoutState => ({
  ...startCheckout({
    target: open,
    activity: activity(),
    pickup: success({ items: [...points] }),
    located: true,
    addresses: [home],
  }),
  ...overrides,
});

describe('checkout target', () => {
  it('reads open, solo and join from the page options', () => {
    expect(checkoutTarget({ mode: 'open', activityId: 'a1' })).toEqual({ mode: 'open', activityId: 'a1' });
    expect(checkoutTarget({ mode: 'solo', activityId: 'a1' })).toEqual({ mode: 'solo', activityId: 'a1' });
    expect(checkoutTarget({ mode: 'join', groupId: 'G1' })).toEqual({ mode: 'join', groupId: 'G1' });
    expect(checkoutTarget({ mode: 'join', activityId: 'a1' })).toBeNull();
    expect(checkoutTarget({})).toBeNull();
  });

  it('a gone item is empty, other failures can be retried with their message', () => {
    expect(loadFailureView(refusal('NOT_FOUND'))).toEqual({ state: 'empty', message: '内容不存在或已下架' });
    expect(loadFailureView(refusal('UNAVAILABLE'))).toEqual({
      state: 'error',
      message: '服务暂时不可用，请稍后再试',
    });
  });
});

describe('unit price and the estimated total', () => {
  it('opening pays the group price, or the leader price when the activity offers one', () => {
    expect(unitPrice(checkout())).toEqual({ amount: 3990, label: '拼团价', origin: 4990 });
    expect(unitPrice(checkout({ activity: activity({ leaderPrice: 2990 }) }))).toEqual({
      amount: 2990,
      label: '团长价',
      origin: 4990,
    });
  });

  it('joining pays the group’s price, buying alone the solo price', () => {
    expect(unitPrice(checkout({ target: { mode: 'join', groupId: 'G1' }, group: joinedGroup }))).toMatchObject({
      amount: 3690,
      label: '拼团价',
    });
    expect(unitPrice(checkout({ target: { mode: 'solo', activityId: 'act-orange' } }))).toEqual({
      amount: 4990,
      label: '单独购买价',
      origin: 0,
    });
  });

  it('multiplies the unit price by the quantity, in ¥', () => {
    const view = checkoutView(checkout({ quantity: 3 }), now);
    expect(view.total).toBe(11970);
    expect(view.pay).toEqual({ disabled: false, loading: false, text: '立即支付 ¥119.70' });
  });

  it('shows the group’s own title, spec and photo when joining', () => {
    const view = checkoutView(checkout({ target: { mode: 'join', groupId: 'G1' }, group: joinedGroup }), now);
    expect(view.item).toEqual({ title: '奉节脐橙 5斤装', spec: '5斤装', image: 'cloud://x/orange-g.jpg' });
    expect(checkoutView(checkout(), now).item.image).toBe('cloud://x/orange.jpg');
  });
});

describe('quantity bounds', () => {
  it('stays within the per-order limit and the stock left', () => {
    expect(quantityBounds({ perOrderLimit: 5, stockLeft: 100 })).toEqual({ min: 1, max: 5 });
    expect(quantityBounds({ perOrderLimit: 5, stockLeft: 2 })).toEqual({ min: 1, max: 2 });
    expect(quantityBounds({ perOrderLimit: 5, stockLeft: 0 })).toEqual({ min: 1, max: 1 });
  });

  it('tells the per-user limit for group orders and warns when stock is low', () => {
    expect(checkoutView(checkout(), now).limitText).toBe('每人限10件');
    expect(checkoutView(checkout({ activity: activity({ stockLeft: 3 }) }), now).limitText).toBe(
      '每人限10件 · 仅剩3件',
    );
    expect(checkoutView(checkout({ target: { mode: 'solo', activityId: 'a' } }), now).limitText).toBe('');
  });
});

describe('the pay button', () => {
  it('is enabled with a delivery, stock and an activity on sale', () => {
    expect(canPay(checkout(), now)).toEqual({ ok: true });
  });

  it('asks for a delivery first', () => {
    const noPoint = checkout({ pickupPointId: '' });
    expect(canPay(noPoint, now)).toEqual({ ok: false, reason: '请选择收货方式' });
    expect(checkoutView(noPoint, now)).toMatchObject({ reason: '请选择收货方式', pay: { disabled: true } });
    expect(canPay(checkout({ deliveryKind: 'address', addresses: [], addressIndex: -1 }), now)).toEqual({
      ok: false,
      reason: '请选择收货方式',
    });
  });

  it('says 库存不足 when the stock cannot cover the quantity', () => {
    expect(canPay(checkout({ activity: activity({ stockLeft: 0 }) }), now)).toEqual({ ok: false, reason: '库存不足' });
  });

  it('says 活动已结束 for a group order once the activity is off sale or past its end', () => {
    const ended = { ok: false, reason: '活动已结束' };
    expect(canPay(checkout({ activity: activity({ onSale: false, status: 'ended' }) }), now)).toEqual(ended);
    expect(canPay(checkout(), now + 2 * DAY)).toEqual(ended);
    expect(canPay(checkout(), now - 2 * DAY)).toEqual({ ok: false, reason: '活动尚未开始' });
    const solo = checkout({ target: { mode: 'solo', activityId: 'a' }, activity: activity({ onSale: false }) });
    expect(canPay(solo, now)).toEqual({ ok: true });
  });

  it('refuses a group that can no longer be joined', () => {
    const full = checkout({ target: { mode: 'join', groupId: 'G1' }, group: { ...joinedGroup, joinable: false } });
    expect(canPay(full, now)).toEqual({ ok: false, reason: '该团已满员或已结束' });
  });

  it('is disabled and loading while the order is submitted', () => {
    expect(checkoutView(checkout({ submitting: true }), now).pay).toEqual({
      disabled: true,
      loading: true,
      text: '正在支付…',
    });
  });
});

describe('delivery', () => {
  it('chooses the nearest pickup point when located, none when listed by district', () => {
    expect(chosenDelivery(checkout())).toEqual({ kind: 'pickup', pickupPointId: 'pp-jfb' });
    const byDistrict = withPickupPoints(success({ items: points.map(({ distanceMeters: _, ...p }) => p) }), false);
    expect(byDistrict).toMatchObject({ pickupPointId: '', located: false, pickupError: '' });
    expect(checkoutView(checkout(byDistrict), now).pickupNotice).toContain('开启定位');
  });

  it('lists pickup points with their distance, and saved addresses with a masked phone', () => {
    const view = checkoutView(checkout(), now);
    expect(view.pickupChoices).toEqual([
      { value: 'pp-jfb', label: '解放碑便民驿站', content: '渝中区民权路 28 号 · 850m' },
      { value: 'pp-gyq', label: '观音桥驿站', content: '江北区建新北路 1 号 · 4.3km' },
    ]);
    expect(view.addressChoices).toEqual([
      { value: '0', label: '李嬢嬢 138****8000', content: '南岸区南坪万达广场 2 栋' },
    ]);
    expect(view.addressValue).toBe('0');
  });

  it('keeps a failed pickup list as a message; delivery to an address still works', () => {
    const broken = checkout(withPickupPoints(failure('UNAVAILABLE'), true));
    expect(checkoutView(broken, now)).toMatchObject({ pickupError: '服务暂时不可用，请稍后再试', pickupChoices: [] });
    expect(chosenDelivery({ ...broken, deliveryKind: 'address' })).toEqual(home);
  });

  it('writes the chosen delivery in one line', () => {
    expect(deliveryText({ kind: 'pickup', pickupPointId: 'pp-gyq' }, points)).toBe(
      '自提：观音桥驿站（江北区建新北路 1 号）',
    );
    expect(deliveryText(home, points)).toBe('李嬢嬢 138****8000 南岸区南坪万达广场 2 栋');
    expect(checkoutView(checkout({ deliveryKind: 'address' }), now).deliveryText).toBe(
      '李嬢嬢 138****8000 南岸区南坪万达广场 2 栋',
    );
  });
});

describe('a 社区团, collected at its point only', () => {
  const community = (overrides: Record<string, unknown> = {}) =>
    activity({
      scope: { kind: 'pickup_point', pickupPointId: 'pp-gyq' },
      pickupPoint: { pickupPointId: 'pp-gyq', name: '观音桥驿站' },
      ...overrides,
    });
  const start = (target: CheckoutTarget, overrides: Partial<Parameters<typeof startCheckout>[0]> = {}) =>
    startCheckout({
      target,
      activity: community(),
      pickup: success({ items: [...points] }),
      located: true,
      addresses: [home],
      ...overrides,
    });

  it('opens with its point chosen, not the nearest, and offers nothing else', () => {
    const state = start(open);
    expect(state.pickupPointId).toBe('pp-gyq');
    expect(chosenDelivery(state)).toEqual({ kind: 'pickup', pickupPointId: 'pp-gyq' });
    expect(canPay(state, now)).toEqual({ ok: true });
    expect(checkoutView(state, now)).toMatchObject({
      deliveryKind: 'pickup',
      pickupOnly: true,
      pickupOnlyText: '社区团 · 仅限到该自提点取货',
      pickupChoices: [{ value: 'pp-gyq', label: '观音桥驿站', content: '江北区建新北路 1 号 · 4.3km' }],
      pickupPointId: 'pp-gyq',
      pickupNotice: '',
      deliveryText: '自提：观音桥驿站（江北区建新北路 1 号）',
    });
  });

  it('keeps its point whatever else is tapped: another point, or 快递到家', () => {
    const state = start(open);
    for (const tapped of [{ pickupPointId: 'pp-jfb' }, { deliveryKind: 'address' as const }]) {
      expect(chosenDelivery({ ...state, ...tapped })).toEqual({ kind: 'pickup', pickupPointId: 'pp-gyq' });
      expect(checkoutView({ ...state, ...tapped }, now)).toMatchObject({
        deliveryKind: 'pickup',
        pickupPointId: 'pp-gyq',
      });
    }
  });

  it('names its point as the answer does when the pickup list lacks it (or failed)', () => {
    const state = start(open, { pickup: failure('UNAVAILABLE'), located: false });
    expect(scopedPoint(state)).toEqual({ pickupPointId: 'pp-gyq', name: '观音桥驿站', address: '' });
    expect(checkoutView(state, now)).toMatchObject({
      pickupChoices: [{ value: 'pp-gyq', label: '观音桥驿站', content: '' }],
      pickupNotice: '',
      deliveryText: '自提：观音桥驿站',
      reason: '',
    });
  });

  it('joining goes by the group’s point, as it opened; buying alone is not limited', () => {
    const join: CheckoutTarget = { mode: 'join', groupId: 'G1' };
    const group = { ...joinedGroup, pickupPoint: { pickupPointId: 'pp-jfb', name: '解放碑便民驿站' } };
    expect(chosenDelivery(start(join, { group }))).toEqual({ kind: 'pickup', pickupPointId: 'pp-jfb' });
    const solo = start({ mode: 'solo', activityId: 'act-orange' });
    expect(scopedPoint(solo)).toBeUndefined();
    expect(checkoutView(solo, now)).toMatchObject({ pickupOnly: false, pickupPointId: 'pp-jfb' });
    expect(chosenDelivery({ ...solo, deliveryKind: 'address' })).toEqual(home);
    expect(scopedPoint(checkout())).toBeUndefined();
  });
});

describe('after paying', () => {
  it('a paid group order goes to its group, a paid solo order to its detail', () => {
    expect(afterPay(open, 'paid', { orderId: 'O1', groupId: 'G9' })).toEqual({
      toast: '',
      url: `/${GROUP_PAGE}?groupId=G9`,
    });
    expect(afterPay({ mode: 'join', groupId: 'G1' }, 'paid', { orderId: 'O1' }).url).toBe(`/${GROUP_PAGE}?groupId=G1`);
    expect(afterPay({ mode: 'solo', activityId: 'a' }, 'paid', { orderId: 'O1' }).url).toBe(
      '/packages/order/pages/detail/index?orderId=O1',
    );
  });

  it('an unpaid order goes to its detail, where it can be paid later', () => {
    expect(afterPay(open, 'cancelled', { orderId: 'O1', groupId: 'G9' })).toEqual({
      toast: PAY_CANCELLED,
      url: '/packages/order/pages/detail/index?orderId=O1',
    });
    expect(PAY_CANCELLED).toBe('已取消支付，可在订单中继续支付');
    expect(afterPay(open, 'failed', { orderId: 'O1' }).url).toBe('/packages/order/pages/detail/index?orderId=O1');
  });

  it('shows a refused order’s message, with the limit when one was hit', () => {
    expect(orderErrorText(refusal('GROUP_FULL'), activity())).toBe('该团已满员，去看看其他团吧');
    expect(orderErrorText(refusal('LIMIT_EXCEEDED'), activity())).toBe('超出限购数量，每人限10件');
  });
});
