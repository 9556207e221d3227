/**
 * 确认订单: open a group, join one, or buy alone. Loads the item and the pickup points, lets the shopper
 * pick the quantity and the delivery, then places the order and pays it (see view.ts for what is shown).
 */
import { type DeliveryRequest, type Envelope, type joinGroupContract, type ResponseOf, success } from '@shared/client';
import { saveAddress, savedAddresses, toDelivery } from '../../../../services/addresses';
import { callFunction } from '../../../../services/cloud';
import { allowLocationInSettings, locate } from '../../../../services/location';
import { askForMessages, pay } from '../../../../services/payment';
import { referrerRef } from '../../../../services/session';
import {
  type ActivityData,
  afterPay,
  canPay,
  type CheckoutState,
  type CheckoutStateView,
  type CheckoutTarget,
  checkoutTarget,
  type CheckoutView,
  chosenDelivery,
  checkoutView,
  type DeliveryKind,
  type GroupData,
  loadFailureView,
  loadingView,
  orderErrorText,
  startCheckout,
  withPickupPoints,
} from './view';

type Placed = ResponseOf<typeof joinGroupContract> & { readonly groupId?: string };
type ValueEvent<T> = WechatMiniprogram.CustomEvent<{ value: T }>;

const toast = (title: string) => void wx.showToast({ title, icon: 'none', duration: 2500 });

/** The activity, and for a join the group first (it names the activity). */
async function loadItem(target: CheckoutTarget): Promise<Envelope<{ activity: ActivityData; group?: GroupData }>> {
  if (target.mode !== 'join') {
    const activity = await callFunction('getActivity', { activityId: target.activityId });
    return activity.ok ? success({ activity: activity.data }) : activity;
  }
  const group = await callFunction('getGroup', { groupId: target.groupId });
  if (!group.ok) return group;
  const activity = await callFunction('getActivity', { activityId: group.data.activityId });
  return activity.ok ? success({ activity: activity.data, group: group.data }) : activity;
}

/** Pickup points, nearest first when the shopper allows their location, else by district. */
async function loadPickupPoints() {
  const here = await locate();
  const located = here.kind === 'granted';
  const pickup = await callFunction('listPickupPoints', here.kind === 'granted' ? { location: here.location } : {});
  return { pickup, located };
}

function placeOrder(state: CheckoutState, delivery: DeliveryRequest): Promise<Envelope<Placed>> {
  const { target, quantity } = state;
  // The sharer the shopper came through, if any: the order counts in their share funnel.
  const from = referrerRef();
  const referral = from ? { referrerRef: from } : {};
  switch (target.mode) {
    case 'open':
      return callFunction('openGroup', { activityId: target.activityId, quantity, delivery, ...referral });
    case 'join':
      return callFunction('joinGroup', { groupId: target.groupId, quantity, delivery, ...referral });
    case 'solo':
      return callFunction('buySolo', { skuId: state.activity.sku.skuId, quantity, delivery });
  }
}

Page({
  data: loadingView as CheckoutStateView | CheckoutView,
  target: null as CheckoutTarget | null,
  checkout: undefined as CheckoutState | undefined,

  onLoad(options: Record<string, string | undefined>) {
    this.target = checkoutTarget(options);
    if (this.target) void this.load();
    else this.setData({ state: 'empty', message: '没有找到要买的商品' });
  },

  async load() {
    const { target } = this;
    if (!target) return;
    const [item, pickup] = await Promise.all([loadItem(target), loadPickupPoints()]);
    if (!item.ok) {
      this.setData(loadFailureView(item.error));
      return;
    }
    this.show(startCheckout({ target, ...item.data, ...pickup, addresses: savedAddresses() }));
  },

  show(checkout: CheckoutState) {
    this.checkout = checkout;
    this.setData(checkoutView(checkout, Date.now()));
  },

  update(patch: Partial<CheckoutState>) {
    if (this.checkout) this.show({ ...this.checkout, ...patch });
  },

  onRetry() {
    this.setData(loadingView);
    void this.load();
  },

  onQuantity(event: ValueEvent<number>) {
    this.update({ quantity: event.detail.value });
  },

  onDeliveryKind(event: ValueEvent<DeliveryKind>) {
    this.update({ deliveryKind: event.detail.value });
  },

  onPickupPoint(event: ValueEvent<string>) {
    this.update({ pickupPointId: event.detail.value });
  },

  onAddress(event: ValueEvent<string>) {
    this.update({ addressIndex: Number(event.detail.value) });
  },

  async onChooseAddress() {
    const picked = await wx.chooseAddress({}).catch(() => undefined); // closed without choosing
    if (!picked) return;
    const delivery = toDelivery(picked);
    if ('error' in delivery) {
      toast(delivery.error);
      return;
    }
    this.update({ deliveryKind: 'address', addresses: saveAddress(delivery), addressIndex: 0 });
  },

  async onAllowLocation() {
    if (!(await allowLocationInSettings())) return;
    const { pickup, located } = await loadPickupPoints();
    this.update(withPickupPoints(pickup, located));
  },

  async onPay() {
    const asking = askForMessages(); // first: WeChat shows the subscription prompt only straight from a tap
    const checkout = this.checkout;
    const delivery = checkout && chosenDelivery(checkout);
    if (!checkout || !delivery || checkout.submitting || !canPay(checkout, Date.now()).ok) return;
    this.update({ submitting: true });
    await asking;

    const placed = await placeOrder(checkout, delivery);
    if (!placed.ok) {
      toast(orderErrorText(placed.error, checkout.activity));
      this.update({ submitting: false });
      return;
    }
    const outcome = await pay(placed.data.orderId, placed.data.payment);
    const next = afterPay(checkout.target, outcome, placed.data);
    if (!next.toast) {
      void wx.redirectTo({ url: next.url });
      return;
    }
    toast(next.toast);
    setTimeout(() => void wx.redirectTo({ url: next.url }), 1500); // long enough to read the toast
  },
});
