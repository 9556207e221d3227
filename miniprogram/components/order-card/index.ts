/**
 * `<order-card order="{{item}}" bind:action="onAction" />`: one order of 我的订单 (a listMyOrders item).
 * Fires `action` with `{ action, orderId, groupId }`: `detail` when the card is tapped, `pay` or `invite`
 * from its buttons. When the payment window runs out while shown, the 去支付 button goes away.
 */
import { type OrderAction, type OrderCardView, type OrderItem, orderCardView } from './view';

Component({
  properties: {
    order: { type: Object, value: {} },
  },
  data: { card: null as OrderCardView | null },
  observers: {
    order() {
      this.refresh();
    },
  },
  methods: {
    refresh() {
      const order = this.data.order as OrderItem;
      this.setData({ card: order.orderId ? orderCardView(order, Date.now()) : null });
    },
    onTap(event: WechatMiniprogram.TouchEvent<object, object, { action?: OrderAction }>) {
      const order = this.data.order as OrderItem;
      const action = event.currentTarget.dataset.action ?? 'detail';
      this.triggerEvent('action', { action, orderId: order.orderId, groupId: order.groupId });
    },
  },
});
