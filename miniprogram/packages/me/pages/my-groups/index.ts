/** 我的拼团: the groups the shopper opened or joined, paged on reaching the bottom; a row opens its group. */
import type { PageState } from '../../../../components/page-state/view';
import { callFunction } from '../../../../services/cloud';
import { PAGE_SIZE, pagedList } from '../../../../utils/paging';
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
  ...pagedList({
    rows: 'groups',
    fetch: (_page, offset) => callFunction('listMyGroups', { limit: PAGE_SIZE, offset }),
    toRow: (group: MyGroup) => groupRow(group, Date.now()),
  }),

  onOpenGroup(event: WechatMiniprogram.BaseEvent<Record<string, never>, { groupId: string }>) {
    void wx.navigateTo({ url: groupPageUrl(event.currentTarget.dataset.groupId) });
  },
});
