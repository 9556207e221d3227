/**
 * Offset paging of a list page (订单, 我的拼团, 我的售后, 团员管理): the first page replaces the list, later ones append, on
 * reaching the bottom while `hasMore`.
 */
import type { Envelope } from '@shared/client';
import type { PageState } from '../components/page-state/view';

export const PAGE_SIZE = 20;

export interface ListView<Row> {
  readonly state: PageState;
  /** The envelope's message: the error state's text, or a toast when a later page failed. */
  readonly message: string;
  readonly rows: Row[];
  readonly hasMore: boolean;
}

/**
 * The list once a page arrived at `offset`: the first page replaces what is shown, a later one is
 * appended. A failed first page is the error state; a failed later page keeps the list (scrolling
 * down again retries).
 */
export function pageLoaded<Item, Row>(
  shown: readonly Row[],
  answer: Envelope<{ readonly items: readonly Item[]; readonly hasMore: boolean }>,
  offset: number,
  toRow: (item: Item) => Row,
): ListView<Row> {
  if (!answer.ok) {
    return offset === 0
      ? { state: 'error', message: answer.error.message, rows: [], hasMore: false }
      : { state: 'ready', message: answer.error.message, rows: [...shown], hasMore: true };
  }
  const rows = [...(offset === 0 ? [] : shown), ...answer.data.items.map(toRow)];
  return { state: rows.length > 0 ? 'ready' : 'empty', message: '', rows, hasMore: answer.data.hasMore };
}

/** The line under a list. */
export function footerText(hasMore: boolean, loadingMore: boolean): string {
  if (loadingMore) return '加载中…';
  return hasMore ? '上拉加载更多' : '没有更多了';
}

/** What a paged list page shows, beside its own data. */
export interface PagedListData {
  state: PageState;
  message: string;
  hasMore: boolean;
  loadingMore: boolean;
  footer: string;
}

/**
 * The paging a list page spreads into its `Page({...})`: every show and pull-down loads the first page again,
 * reaching the bottom loads the next while there is more, 重试 starts over; an answer that arrives after a newer
 * load started is dropped, and a later page that failed keeps the list and says why in a toast.
 * `rows` names the data field the rows are shown in; `fetch` asks for the page at an offset.
 */
export function pagedList<Item, Row>(spec: {
  readonly rows: string;
  readonly fetch: (
    page: WechatMiniprogram.Page.TrivialInstance,
    offset: number,
  ) => Promise<Envelope<{ readonly items: readonly Item[]; readonly hasMore: boolean }>>;
  readonly toRow: (item: Item) => Row;
}) {
  const shown = (page: { data: Record<string, unknown> }) => (page.data[spec.rows] ?? []) as readonly Row[];
  return {
    /** Counts loads, so an answer that arrives after a newer load started is dropped. */
    loads: 0,

    onShow(this: WechatMiniprogram.Page.TrivialInstance) {
      void this.load(0);
    },

    onPullDownRefresh(this: WechatMiniprogram.Page.TrivialInstance) {
      void this.load(0).then(() => wx.stopPullDownRefresh());
    },

    onReachBottom(this: WechatMiniprogram.Page.TrivialInstance) {
      const data = this.data as PagedListData;
      if (data.state === 'ready' && data.hasMore && !data.loadingMore) void this.load(shown(this).length);
    },

    onRetry(this: WechatMiniprogram.Page.TrivialInstance) {
      this.setData({ state: 'loading' });
      void this.load(0);
    },

    async load(this: WechatMiniprogram.Page.TrivialInstance, offset: number) {
      const load = ++this.loads;
      if (offset > 0) this.setData({ loadingMore: true, footer: footerText(true, true) });
      const answer = await spec.fetch(this, offset);
      if (load !== this.loads) return;
      const view = pageLoaded(shown(this), answer, offset, spec.toRow);
      if (offset > 0 && view.message) void wx.showToast({ title: view.message, icon: 'none' });
      this.setData({
        state: view.state,
        message: view.message,
        [spec.rows]: view.rows,
        hasMore: view.hasMore,
        loadingMore: false,
        footer: footerText(view.hasMore, false),
      });
    },
  };
}
