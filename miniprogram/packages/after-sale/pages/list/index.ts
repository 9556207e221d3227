/**
 * 我的售后 (`?orderId=` for one order's): the shopper's after-sales requests, newest first, paged on reaching
 * the bottom; a row opens the request's progress.
 */
import type { PageState } from '../../../../components/page-state/view';
import { callFunction } from '../../../../services/cloud';
import { PAGE_SIZE, pagedList } from '../../../../utils/paging';
import { afterSaleDetailUrl } from '../../../../utils/routes';
import { type AfterSaleRow, afterSaleRow, EMPTY_TEXT } from './view';

Page({
  data: {
    state: 'loading' as PageState,
    message: '',
    emptyText: EMPTY_TEXT,
    rows: [] as AfterSaleRow[],
    hasMore: false,
    loadingMore: false,
    footer: '',
  },
  orderId: undefined as string | undefined,
  ...pagedList({
    rows: 'rows',
    fetch: (page, offset) =>
      callFunction('listMyAfterSales', {
        ...(page.orderId ? { orderId: page.orderId as string } : {}),
        limit: PAGE_SIZE,
        offset,
      }),
    toRow: afterSaleRow,
  }),

  onLoad(query: Record<string, string | undefined>) {
    this.orderId = query.orderId || undefined;
  },

  onOpen(event: WechatMiniprogram.BaseEvent<Record<string, never>, { afterSaleId: string }>) {
    void wx.navigateTo({ url: afterSaleDetailUrl(event.currentTarget.dataset.afterSaleId) });
  },
});
