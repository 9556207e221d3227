/**
 * What the 订单 tab shows: the tabs, the request for a tab's page of orders, the list as pages arrive,
 * the empty text per tab and the line under the list. `pageLoaded` and `footerText` also serve 我的拼团.
 */
import {
  type Envelope,
  type listMyOrdersContract,
  ORDER_TAB_LABELS,
  type OrderTab,
  type RequestOf,
  type ResponseOf,
} from '@shared/client';

export type OrderItem = ResponseOf<typeof listMyOrdersContract>['items'][number];

export type PageState = 'loading' | 'error' | 'empty' | 'ready';

export const PAGE_SIZE = 20;

export const ORDER_TABS = (Object.keys(ORDER_TAB_LABELS) as OrderTab[]).map((value) => ({
  value,
  label: ORDER_TAB_LABELS[value],
}));

export function ordersRequest(tab: OrderTab, offset: number): RequestOf<typeof listMyOrdersContract> {
  return { status: tab, limit: PAGE_SIZE, offset };
}

export function emptyText(tab: OrderTab): string {
  return tab === 'all' ? '还没有订单，去首页看看正在拼的团吧' : `还没有${ORDER_TAB_LABELS[tab]}的订单`;
}

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
