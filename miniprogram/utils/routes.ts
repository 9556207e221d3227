/**
 * Every page's address, in one place: what pages navigate to and what share cards carry. `from` is the
 * sharer's ref (share attribution), never an openid. Pure, so view logic builds share paths in tests.
 */
import { GROUP_PAGE } from '@shared/client';

export const ORDERS_TAB_URL = '/pages/orders/index';

const withFrom = (from: string | undefined) => (from ? `&from=${encodeURIComponent(from)}` : '');

export const activityUrl = (activityId: string, from?: string) =>
  `/packages/group/pages/activity/index?activityId=${encodeURIComponent(activityId)}${withFrom(from)}`;

/** The group page: where a shared card lands (a scanned poster opens it with `?scene=` instead). */
export const groupPageUrl = (groupId: string, from?: string) =>
  `/${GROUP_PAGE}?groupId=${encodeURIComponent(groupId)}${withFrom(from)}`;

/** What is bought: a new group (`open`), a seat in a group (`join`), or the product alone (`solo`). */
export type CheckoutTarget =
  { readonly mode: 'open' | 'solo'; readonly activityId: string } | { readonly mode: 'join'; readonly groupId: string };

export const checkoutUrl = (target: CheckoutTarget) =>
  target.mode === 'join'
    ? `/packages/order/pages/checkout/index?mode=join&groupId=${encodeURIComponent(target.groupId)}`
    : `/packages/order/pages/checkout/index?mode=${target.mode}&activityId=${encodeURIComponent(target.activityId)}`;

export const orderDetailUrl = (orderId: string) =>
  `/packages/order/pages/detail/index?orderId=${encodeURIComponent(orderId)}`;
