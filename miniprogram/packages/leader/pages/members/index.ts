/**
 * 团员管理 (团长中心): listLeaderGroups, a page of groups at a time (more on reaching the bottom, all again on pull
 * down and on every show); a card's title opens the group's page.
 */
import type { PageState } from '../../../../components/page-state/view';
import { callFunction } from '../../../../services/cloud';
import { footerText, pageLoaded } from '../../../../utils/paging';
import { groupPageUrl } from '../../../../utils/routes';
import { type LeaderGroup, type LeaderGroupCard, leaderGroupCard, LEADER_GROUPS_PAGE } from './view';

Page({
  data: {
    state: 'loading' as PageState,
    message: '',
    groups: [] as LeaderGroupCard[],
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
    const answer = await callFunction('listLeaderGroups', { limit: LEADER_GROUPS_PAGE, offset });
    if (load !== this.loads) return;
    const view = pageLoaded(this.data.groups, answer, offset, (group: LeaderGroup) => leaderGroupCard(group));
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
