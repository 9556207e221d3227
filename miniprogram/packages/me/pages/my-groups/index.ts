/** 我的拼团: the groups the shopper opened or joined, paged on reaching the bottom; a row opens its group. */
import type { PageState } from '../../../../components/page-state/view';
import { footerText, PAGE_SIZE, pageLoaded } from '../../../../utils/paging';
import { callFunction } from '../../../../services/cloud';
import { groupPageUrl } from '../../../../utils/routes';
import { type GroupRow, groupRow, type MyGroup } from './view';

Page({
  data: {
    state: 'loading' as PageState,
    message: '',
    groups: [] as GroupRow[],
    hasMore: false,
    loadingMore: false,
    footer: '',
  },
  /** Counts loads, so an answer that arrives after a newer load started is dropped. */
  loads: 0,

  onShow() {
    void this.load(0);
  },

  onPullDownRefresh() {
    void this.load(0).then(() => wx.stopPullDownRefresh());
  },

  onReachBottom() {
    if (this.data.state === 'ready' && this.data.hasMore && !this.data.loadingMore)
      void this.load(this.data.groups.length);
  },

  onRetry() {
    this.setData({ state: 'loading' });
    void this.load(0);
  },

  onOpenGroup(event: WechatMiniprogram.BaseEvent<Record<string, never>, { groupId: string }>) {
    void wx.navigateTo({ url: groupPageUrl(event.currentTarget.dataset.groupId) });
  },

  async load(offset: number) {
    const load = ++this.loads;
    if (offset > 0) this.setData({ loadingMore: true, footer: footerText(true, true) });
    const answer = await callFunction('listMyGroups', { limit: PAGE_SIZE, offset });
    if (load !== this.loads) return;
    const now = Date.now();
    const view = pageLoaded(this.data.groups, answer, offset, (group: MyGroup) => groupRow(group, now));
    if (offset > 0 && view.message) void wx.showToast({ title: view.message, icon: 'none' });
    this.setData({
      state: view.state,
      message: view.message,
      groups: view.rows,
      hasMore: view.hasMore,
      loadingMore: false,
      footer: footerText(view.hasMore, false),
    });
  },
});
