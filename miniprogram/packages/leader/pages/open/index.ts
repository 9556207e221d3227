/**
 * 开团工具: listLeaderActivities on every show. 一键开团 opens a group of one unit collected at the leader's own point
 * (openGroup), pays it, and goes to the group's page, where the card is shared (onShareAppMessage) and the poster
 * saved (getShareCode).
 */
import { callFunction } from '../../../../services/cloud';
import { askForMessages, pay } from '../../../../services/payment';
import { afterOpen, type OpenCard, openLoaded } from './view';

const toast = (title: string) => void wx.showToast({ title, icon: 'none', duration: 2500 });

Page({
  data: {
    state: 'loading' as 'loading' | 'error' | 'empty' | 'ready',
    message: '',
    cards: [] as OpenCard[],
    pickupPointId: '',
    /** The activity being opened ('' when none). */
    opening: '',
  },

  onShow() {
    void this.load();
  },

  onRetry() {
    this.setData({ state: 'loading' });
    void this.load();
  },

  async load() {
    this.setData(openLoaded(await callFunction('listLeaderActivities', {})));
  },

  async onOpenGroup(event: WechatMiniprogram.CustomEvent<object, object, { activityId: string }>) {
    const asking = askForMessages(); // first: WeChat shows the subscription prompt only straight from a tap
    const { activityId } = event.currentTarget.dataset;
    const { pickupPointId, opening } = this.data;
    if (!activityId || !pickupPointId || opening) return;
    this.setData({ opening: activityId });
    await asking;
    const placed = await callFunction('openGroup', {
      activityId,
      quantity: 1,
      delivery: { kind: 'pickup', pickupPointId },
    });
    if (!placed.ok) {
      this.setData({ opening: '' });
      toast(placed.error.message);
      return;
    }
    const outcome = await pay(placed.data.orderId, placed.data.payment);
    this.setData({ opening: '' });
    const next = afterOpen(outcome, placed.data);
    if (next.toast) toast(next.toast);
    void wx.navigateTo({ url: next.url });
  },
});
