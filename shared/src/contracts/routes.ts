/**
 * Every page of the mini-program that anything links to, in one place: what its pages navigate to, what
 * share cards and poster codes open, and what a tapped subscription message opens. Paths are as app.json
 * lists them (no leading slash: what messages and codes carry); `url()` adds the slash `wx.navigateTo`
 * wants. A test checks every page here against app.json. `from` is the sharer's ref, never an openid.
 */
export const PAGES = {
  home: 'pages/home/index',
  orders: 'pages/orders/index',
  me: 'pages/me/index',
  activity: 'packages/group/pages/activity/index',
  group: 'packages/group/pages/group/index',
  checkout: 'packages/order/pages/checkout/index',
  orderDetail: 'packages/order/pages/detail/index',
  myGroups: 'packages/me/pages/my-groups/index',
  addresses: 'packages/me/pages/addresses/index',
  afterSaleApply: 'packages/after-sale/pages/apply/index',
  afterSaleDetail: 'packages/after-sale/pages/detail/index',
  myAfterSales: 'packages/after-sale/pages/list/index',
  leaderApply: 'packages/leader/pages/apply/index',
  leaderStatus: 'packages/leader/pages/status/index',
  leaderDashboard: 'packages/leader/pages/dashboard/index',
  leaderOpen: 'packages/leader/pages/open/index',
  leaderDesk: 'packages/leader/pages/desk/index',
  leaderMembers: 'packages/leader/pages/members/index',
  leaderEarnings: 'packages/leader/pages/earnings/index',
} as const;

export type PageName = keyof typeof PAGES;

/** The page a shared card or a scanned poster opens. */
export const GROUP_PAGE = PAGES.group;

/** `page?key=value&...`, values encoded, empty ones left out. */
export function pagePath(page: PageName, query: Readonly<Record<string, string | undefined>> = {}): string {
  const pairs = Object.entries(query)
    .filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '')
    .map(([key, value]) => `${key}=${encodeURIComponent(value)}`);
  return pairs.length > 0 ? `${PAGES[page]}?${pairs.join('&')}` : PAGES[page];
}

/** The same address as `wx.navigateTo` / `wx.switchTab` take it. */
export const url = (path: string): string => `/${path}`;

/** The group page: where a shared card and a group's messages land (a scanned poster uses `?scene=`). */
export const groupPagePath = (groupId: string, from?: string): string => pagePath('group', { groupId, from });

export const activityPagePath = (activityId: string, from?: string): string =>
  pagePath('activity', { activityId, from });

export const orderDetailPagePath = (orderId: string): string => pagePath('orderDetail', { orderId });

/** 申请售后 for one of the shopper's orders. */
export const afterSaleApplyPagePath = (orderId: string): string => pagePath('afterSaleApply', { orderId });

/** One after-sales request: where it stands and what the shopper may do next. */
export const afterSaleDetailPagePath = (afterSaleId: string): string => pagePath('afterSaleDetail', { afterSaleId });

/** 我的售后: every request, or one order's (`orderId`). */
export const myAfterSalesPagePath = (orderId?: string): string => pagePath('myAfterSales', { orderId });

/** 申请成为团长: the application form. */
export const leaderApplyPagePath = (): string => pagePath('leaderApply');

/** 团长申请: the shopper's latest application and where it stands (or the leader they are). */
export const leaderStatusPagePath = (): string => pagePath('leaderStatus');

/** 团长中心: the leader's figures and share funnel. */
export const leaderDashboardPagePath = (): string => pagePath('leaderDashboard');

/** 开团工具: a live activity to open a group of, then share. */
export const leaderOpenPagePath = (): string => pagePath('leaderOpen');
/** 团长中心 → 自提点工作台: the point's arrivals, who is due, 扫码核销. */
export const leaderDeskPagePath = (): string => pagePath('leaderDesk');

/** 团长中心 → 团员管理: the groups the 团长 opened and their members. */
export const leaderMembersPagePath = (): string => pagePath('leaderMembers');

/** 我的收益: the leader's balance, commission entries and withdrawals (申请提现, 确认收款). */
export const leaderEarningsPagePath = (): string => pagePath('leaderEarnings');
