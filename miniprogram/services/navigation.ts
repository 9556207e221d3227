/**
 * Where the shopper's pages send them. A tab page opens without a query (`wx.switchTab`), so the orders
 * tab to show is left in storage for the 订单 page to take on its next show.
 */
import { ORDER_TAB_LABELS, type OrderTab } from '@shared/client';
import { ORDERS_TAB_URL } from '../utils/routes';

const ORDERS_TAB_KEY = 'ordersTab';

/** Switches to the 订单 tab showing `tab` (待付款, 待成团…). */
export function openOrdersTab(tab: OrderTab): void {
  wx.setStorageSync(ORDERS_TAB_KEY, tab);
  void wx.switchTab({ url: ORDERS_TAB_URL });
}

/** The tab another page asked the 订单 page to show, once: it is forgotten as it is taken. */
export function takeOrdersTab(): OrderTab | undefined {
  const tab = wx.getStorageSync(ORDERS_TAB_KEY) as unknown;
  if (tab === '') return undefined;
  wx.removeStorageSync(ORDERS_TAB_KEY);
  return typeof tab === 'string' && tab in ORDER_TAB_LABELS ? (tab as OrderTab) : undefined;
}
