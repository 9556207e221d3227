/**
 * Order detail (`?orderId=`): the order as getOrder answers it with its latest after-sales request, reloaded
 * on every show and when a countdown runs out; once it has an express parcel, the parcel's track
 * (getOrderTrack) follows. 去支付 pays it again; 确认收货 confirms an express parcel (confirmReceipt);
 * 申请售后 and the request's line open the after-sales pages; 邀请好友 / 查看拼团 open its group.
 */
import { payPendingOrder, RELOAD_AFTER_PAY_MS } from '../../../../services/pay-order';
import { callFunction } from '../../../../services/cloud';
import { afterSaleApplyUrl, afterSaleDetailUrl, groupPageUrl } from '../../../../utils/routes';
import { CONFIRM_RECEIPT_MODAL, type DetailView, orderDetailLoaded, type TrackView, trackView } from './view';

Page({
  data: {
    state: 'loading' as 'loading' | 'error' | 'ready',
    message: '',
    order: null as DetailView | null,
    track: null as TrackView | null,
    paying: false,
    confirming: false,
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
    const [answer, afterSales] = await Promise.all([
      callFunction('getOrder', { orderId: this.orderId }),
      callFunction('listMyAfterSales', { orderId: this.orderId, limit: 1, offset: 0 }),
    ]);
    const loaded = orderDetailLoaded(answer, Date.now(), afterSales);
    this.setData(loaded);
    if (loaded.state === 'ready' && loaded.order.tracked) {
      this.setData({ track: trackView(await callFunction('getOrderTrack', { orderId: this.orderId })) });
    } else {
      this.setData({ track: null });
    }
  },

  onCopyOrderId() {
    void wx.setClipboardData({ data: this.orderId });
  },

  onCopyTrackingNo() {
    const trackingNo = this.data.order?.trackingNo;
    if (trackingNo) void wx.setClipboardData({ data: trackingNo });
  },

  onOpenGroup() {
    const groupId = this.data.order?.groupId;
    if (groupId) void wx.navigateTo({ url: groupPageUrl(groupId) });
  },

  onApplyAfterSale() {
    void wx.navigateTo({ url: afterSaleApplyUrl(this.orderId) });
  },

  onOpenAfterSale() {
    const afterSaleId = this.data.order?.afterSale?.afterSaleId;
    if (afterSaleId) void wx.navigateTo({ url: afterSaleDetailUrl(afterSaleId) });
  },

  async onConfirmReceipt() {
    const { confirm } = await wx.showModal({ ...CONFIRM_RECEIPT_MODAL });
    if (!confirm) return;
    this.setData({ confirming: true });
    const answer = await callFunction('confirmReceipt', { orderId: this.orderId });
    this.setData({ confirming: false });
    void wx.showToast({ title: answer.ok ? '已确认收货' : answer.error.message, icon: 'none' });
    await this.load();
  },

  async onPay() {
    const paying = payPendingOrder(this.orderId); // first, so WeChat sees the tap ask for messages
    this.setData({ paying: true });
    void wx.showToast({ title: await paying, icon: 'none' });
    this.setData({ paying: false });
    setTimeout(() => void this.load(), RELOAD_AFTER_PAY_MS);
  },
});
