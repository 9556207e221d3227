/**
 * Every page's address as the mini-program navigates to it, built on the shared routes module (which the
 * server's messages and share codes use too), so a page path is written once. `from` is the sharer's ref
 * (share attribution), never an openid. Pure, so view logic builds share paths in tests.
 */
import {
  activityPagePath,
  afterSaleApplyPagePath,
  afterSaleDetailPagePath,
  groupPagePath,
  leaderApplyPagePath,
  leaderDashboardPagePath,
  leaderEarningsPagePath,
  leaderOpenPagePath,
  leaderDeskPagePath,
  leaderMembersPagePath,
  leaderStatusPagePath,
  myAfterSalesPagePath,
  orderDetailPagePath,
  pagePath,
  PAGES,
  url,
} from '@shared/client';

export const ORDERS_TAB_URL = url(PAGES.orders);

/** The home page, as the sharer's chat card carries it. */
export const homeUrl = (from?: string) => url(pagePath('home', { from }));

export const activityUrl = (activityId: string, from?: string) => url(activityPagePath(activityId, from));

/** The group page: where a shared card lands (a scanned poster opens it with `?scene=` instead). */
export const groupPageUrl = (groupId: string, from?: string) => url(groupPagePath(groupId, from));

/** What is bought: a new group (`open`), a seat in a group (`join`), or the product alone (`solo`). */
export type CheckoutTarget =
  { readonly mode: 'open' | 'solo'; readonly activityId: string } | { readonly mode: 'join'; readonly groupId: string };

export const checkoutUrl = (target: CheckoutTarget) =>
  url(
    target.mode === 'join'
      ? pagePath('checkout', { mode: 'join', groupId: target.groupId })
      : pagePath('checkout', { mode: target.mode, activityId: target.activityId }),
  );

export const orderDetailUrl = (orderId: string) => url(orderDetailPagePath(orderId));

export const afterSaleApplyUrl = (orderId: string) => url(afterSaleApplyPagePath(orderId));

export const afterSaleDetailUrl = (afterSaleId: string) => url(afterSaleDetailPagePath(afterSaleId));

/** 我的售后, or one order's requests. */
export const myAfterSalesUrl = (orderId?: string) => url(myAfterSalesPagePath(orderId));

/** 申请成为团长. */
export const leaderApplyUrl = () => url(leaderApplyPagePath());

/** The shopper's 团长 application, where 我的 leads. */
export const leaderStatusUrl = () => url(leaderStatusPagePath());

/** 团长中心. */
export const leaderDashboardUrl = () => url(leaderDashboardPagePath());

/** 开团工具. */
export const leaderOpenUrl = () => url(leaderOpenPagePath());
/** 团长中心 → 自提点工作台. */
export const leaderDeskUrl = () => url(leaderDeskPagePath());

/** 团长中心 → 团员管理. */
export const leaderMembersUrl = () => url(leaderMembersPagePath());

/** 我的收益 (提现). */
export const leaderEarningsUrl = () => url(leaderEarningsPagePath());
