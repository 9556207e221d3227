/**
 * Offset paging of a list page (订单, 我的拼团): the first page replaces the list, later ones append, on
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
