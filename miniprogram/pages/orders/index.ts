/**
 * 订单 tab: the shopper's orders by tab, paged on reaching the bottom, refreshed on pull-down and on
 * every show. Another page picks the tab through `openOrdersTab` (services/navigation.ts).
 */
import type { OrderTab } from '@shared/client';
import type { OrderAction } from '../../components/order-card/view';
import { callFunction } from '../../services/cloud';
import { takeOrdersTab } from '../../services/navigation';
import { groupPageUrl, orderDetailUrl } from '../../utils/routes';
import { payPendingOrder, RELOAD_AFTER_PAY_MS } from '../../services/pay-order';
import type { PageState } from '../../components/page-state/view';
import { pagedList } from '../../utils/paging';
import { emptyText, ORDER_TABS, type OrderItem, ordersRequest } from './view';

/** What an order-card's `action` event carries. */
interface OrderActionDetail {
  action: OrderAction;
  orderId: string;
  groupId?: string;
}

Page({
  data: {
    tabs: ORDER_TABS,
    tab: 'all' as OrderTab,
    emptyText: emptyText('all'),
    state: 'loading' as PageState,
    message: '',
    orders: [] as OrderItem[],
    hasMore: false,
    loadingMore: false,
    footer: '',
  },
  ...pagedList({
    rows: 'orders',
    fetch: (page, offset) => callFunction('listMyOrders', ordersRequest(page.data.tab as OrderTab, offset)),
    toRow: (order: OrderItem) => order,
  }),

  onShow() {
    const asked = takeOrdersTab();
    if (asked && asked !== this.data.tab) this.showTab(asked);
    else void this.load(0);
  },

  onTabChange(event: WechatMiniprogram.CustomEvent<{ value: OrderTab }>) {
    this.showTab(event.detail.value);
  },

  onOrderAction(event: WechatMiniprogram.CustomEvent<OrderActionDetail>) {
    const { action, orderId, groupId } = event.detail;
    if (action === 'pay') void this.pay(orderId);
    else if (action === 'invite' && groupId) void wx.navigateTo({ url: groupPageUrl(groupId) });
    else void wx.navigateTo({ url: orderDetailUrl(orderId) });
  },

  showTab(tab: OrderTab) {
    this.setData({ tab, emptyText: emptyText(tab), state: 'loading', orders: [], hasMore: false });
    void this.load(0);
  },

  /** Called straight from the tap: payPendingOrder asks for messages before anything is awaited. */
  async pay(orderId: string) {
    void wx.showToast({ title: await payPendingOrder(orderId), icon: 'none' });
    setTimeout(() => void this.load(0), RELOAD_AFTER_PAY_MS);
  },
});
