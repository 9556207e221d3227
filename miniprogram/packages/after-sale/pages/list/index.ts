/**
 * 我的售后 (`?orderId=` for one order's): the shopper's after-sales requests, newest first, paged on reaching
 * the bottom; a row opens the request's progress.
 */
import type { PageState } from '../../../../components/page-state/view';
import { callFunction } from '../../../../services/cloud';
import { footerText, PAGE_SIZE, pageLoaded } from '../../../../utils/paging';
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
  /** Counts loads, so an answer that arrives after a newer load started is dropped. */
  loads: 0,

  onLoad(query: Record<string, string | undefined>) {
    this.orderId = query.orderId || undefined;
  },

  onShow() {
    void this.load(0);
  },

  onPullDownRefresh() {
    void this.load(0).then(() => wx.stopPullDownRefresh());
  },

  onReachBottom() {
    if (this.data.state === 'ready' && this.data.hasMore && !this.data.loadingMore)
      void this.load(this.data.rows.length);
  },

  onRetry() {
    this.setData({ state: 'loading' });
    void this.load(0);
  },

  onOpen(event: WechatMiniprogram.BaseEvent<Record<string, never>, { afterSaleId: string }>) {
    void wx.navigateTo({ url: afterSaleDetailUrl(event.currentTarget.dataset.afterSaleId) });
  },

  async load(offset: number) {
    const load = ++this.loads;
    if (offset > 0) this.setData({ loadingMore: true, footer: footerText(true, true) });
    const answer = await callFunction('listMyAfterSales', {
      ...(this.orderId ? { orderId: this.orderId } : {}),
      limit: PAGE_SIZE,
      offset,
    });
    if (load !== this.loads) return;
    const view = pageLoaded(this.data.rows, answer, offset, afterSaleRow);
    if (offset > 0 && view.message) void wx.showToast({ title: view.message, icon: 'none' });
    this.setData({
      state: view.state,
      message: view.message,
      rows: view.rows,
      hasMore: view.hasMore,
      loadingMore: false,
      footer: footerText(view.hasMore, false),
    });
  },
});
