/**
 * Order detail (`?orderId=`): the order as getOrder answers it, reloaded on every show and when a
 * countdown runs out. 去支付 pays it again; 邀请好友 / 查看拼团 open its group.
 */
import { payPendingOrder, RELOAD_AFTER_PAY_MS } from '../../../../services/pay-order';
import { callFunction } from '../../../../services/cloud';
import { groupPageUrl } from '../../../../utils/routes';
import { type DetailView, orderDetailLoaded } from './view';

Page({
  data: {
    state: 'loading' as 'loading' | 'error' | 'ready',
    message: '',
    order: null as DetailView | null,
    paying: false,
  },
  orderId: '',

  onLoad(query: Record<string, string | undefined>) {
    this.orderId = query.orderId ?? '';
  },

  onShow() {
    void this.load();
  },

  onRetry() {
    this.setData({ state: 'loading' });
    void this.load();
  },

  onCountdownEnd() {
    void this.load();
  },

  async load() {
    const answer = await callFunction('getOrder', { orderId: this.orderId });
    this.setData(orderDetailLoaded(answer, Date.now()));
  },

  onCopyOrderId() {
    void wx.setClipboardData({ data: this.orderId });
  },

  onOpenGroup() {
    const groupId = this.data.order?.groupId;
    if (groupId) void wx.navigateTo({ url: groupPageUrl(groupId) });
  },

  async onPay() {
    const paying = payPendingOrder(this.orderId); // first, so WeChat sees the tap ask for messages
    this.setData({ paying: true });
    void wx.showToast({ title: await paying, icon: 'none' });
    this.setData({ paying: false });
    setTimeout(() => void this.load(), RELOAD_AFTER_PAY_MS);
  },
});
