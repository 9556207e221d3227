/**
 * 拼团活动详情: loads the activity (again on every show, so stock and 凑团 are fresh after checkout),
 * and sends the shopper to checkout (开团 / 单独购买) or to a forming group (凑团).
 */
import { failure } from '@shared/client';
import { callFunction } from '../../../../services/cloud';
import { checkoutUrl, groupPageUrl } from '../../../../utils/routes';
import { login, rememberSharer, reportShareVisit } from '../../../../services/session';
import { activityPage, activityShare, loadingPage } from './view';

Page({
  data: { ...loadingPage, activityId: '', myRef: '' },
  /** The sharer's ref the page was opened with, until the detail's first load reports it viewed. */
  viewedBy: undefined as string | undefined,

  onLoad(query: Record<string, string | undefined>) {
    rememberSharer(query.from);
    this.setData({ activityId: query.activityId ?? '' });
    if (query.activityId) {
      reportShareVisit(query.from, { activityId: query.activityId }, 'opened');
      this.viewedBy = query.from;
    }
    void login().then((me) => {
      if (me.ok) this.setData({ myRef: me.data.ref });
    });
  },

  onShow() {
    void this.load();
  },

  async load() {
    const { activityId } = this.data;
    const answer = activityId ? await callFunction('getActivity', { activityId }) : failure('NOT_FOUND');
    this.setData(activityPage(answer, Date.now()));
    if (answer.ok && this.viewedBy) {
      reportShareVisit(this.viewedBy, { activityId }, 'viewed');
      this.viewedBy = undefined;
    }
  },

  onRetry() {
    this.setData(loadingPage);
    void this.load();
  },

  onShareAppMessage() {
    const { activity, myRef } = this.data;
    return activity ? activityShare(activity, myRef) : {};
  },

  onPreview(event: WechatMiniprogram.CustomEvent<{ index: number }>) {
    const urls = [...(this.data.activity?.images ?? [])];
    void wx.previewImage({ urls, current: urls[event.detail.index] });
  },

  onOpen() {
    this.checkout('open');
  },

  onSolo() {
    this.checkout('solo');
  },

  checkout(mode: 'open' | 'solo') {
    void wx.navigateTo({ url: checkoutUrl({ mode, activityId: this.data.activityId }) });
  },

  onJoin(event: WechatMiniprogram.CustomEvent<{ groupId: string }>) {
    void wx.navigateTo({ url: groupPageUrl(event.detail.groupId) });
  },
});
