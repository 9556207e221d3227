/** The tabs of 我的订单 and which order statuses each shows. `all` shows every status, closed ones too. */
import * as z from '../kernel/zod';
import type { OrderStatus } from './order.machine';

export const orderTabSchema = z.enum([
  'all',
  'pending_payment',
  'awaiting_group',
  'to_ship',
  'shipped',
  'completed',
  'refund',
]);
export type OrderTab = z.infer<typeof orderTabSchema>;

/** The statuses a tab lists, or `undefined` for every status. */
export const ORDER_TAB_STATUSES: Record<OrderTab, readonly OrderStatus[] | undefined> = {
  all: undefined,
  pending_payment: ['pending_payment'],
  awaiting_group: ['awaiting_group'],
  to_ship: ['to_ship'],
  shipped: ['shipped', 'at_pickup_point'],
  completed: ['received', 'picked_up', 'completed'],
  refund: ['refunding', 'refunded'],
};

export const ORDER_TAB_LABELS: Record<OrderTab, string> = {
  all: '全部',
  pending_payment: '待付款',
  awaiting_group: '待成团',
  to_ship: '待发货',
  shipped: '待收货',
  completed: '已完成',
  refund: '退款',
};
