/**
 * What the 订单 tab shows: the tabs, the request for a tab's page of orders, the list as pages arrive,
 * and the empty text per tab. Pages arrive through utils/paging.ts.
 */
import {
  type listMyOrdersContract,
  ORDER_TAB_LABELS,
  type OrderTab,
  type RequestOf,
  type ResponseOf,
} from '@shared/client';
import { PAGE_SIZE } from '../../utils/paging';

export type OrderItem = ResponseOf<typeof listMyOrdersContract>['items'][number];

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
