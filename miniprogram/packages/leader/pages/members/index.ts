/**
 * 团员管理 (团长中心): listLeaderGroups, a page of groups at a time (more on reaching the bottom, all again on pull
 * down and on every show); a card's title opens the group's page.
 */
import type { PageState } from '../../../../components/page-state/view';
import { callFunction } from '../../../../services/cloud';
import { pagedList } from '../../../../utils/paging';
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
  ...pagedList({
    rows: 'groups',
    fetch: (_page, offset) => callFunction('listLeaderGroups', { limit: LEADER_GROUPS_PAGE, offset }),
    toRow: (group: LeaderGroup) => leaderGroupCard(group),
  }),

  onOpenGroup(event: WechatMiniprogram.BaseEvent<Record<string, never>, { groupId: string }>) {
    void wx.navigateTo({ url: groupPageUrl(event.currentTarget.dataset.groupId) });
  },
});
