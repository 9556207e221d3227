/**
 * After-sales (售后) as the order detail and the 申请售后 page both read it: whether the order's latest request
 * is still under way, and what a new one may ask for. Pure, beside its tests.
 */
import {
  AFTER_SALE_OPEN_STATUSES,
  AFTER_SALE_TYPE_LABELS,
  type AfterSaleStatus,
  type AfterSaleType,
  type getOrderContract,
  type listMyAfterSalesContract,
  type ResponseOf,
} from '@shared/client';

type Order = ResponseOf<typeof getOrderContract>;
export type AfterSaleSummary = ResponseOf<typeof listMyAfterSalesContract>['items'][number];

export const isAfterSaleOpen = (status: AfterSaleStatus): boolean => AFTER_SALE_OPEN_STATUSES.includes(status);

const DELIVERED: readonly Order['status'][] = ['received', 'picked_up'];
const ON_THE_WAY: readonly Order['status'][] = ['shipped', 'at_pickup_point'];

/**
 * What 申请售后 may ask for on the order now: nothing while a request is open or once the window has closed;
 * before shipping only a refund (approved at once); on the way a refund or a return; delivered, an exchange too.
 * The server decides again (requestAfterSale refuses what it does not allow, with its reason).
 */
export function afterSaleTypesFor(
  order: Pick<Order, 'status' | 'afterSaleEndsAt'>,
  latest: Pick<AfterSaleSummary, 'status'> | undefined,
  now: number,
): AfterSaleType[] {
  if (latest && isAfterSaleOpen(latest.status)) return [];
  if (order.status === 'to_ship') return ['refund_only'];
  if (ON_THE_WAY.includes(order.status)) return ['refund_only', 'return_refund'];
  if (DELIVERED.includes(order.status) && now < (order.afterSaleEndsAt ?? 0)) {
    return ['refund_only', 'return_refund', 'exchange'];
  }
  return [];
}

/** `退货退款 · 待商家处理`: a request in one line. */
export const afterSaleLine = (afterSale: Pick<AfterSaleSummary, 'typeLabel' | 'statusLabel'>): string =>
  `${afterSale.typeLabel} · ${afterSale.statusLabel}`;

/** The types as a picker offers them. */
export const afterSaleTypeOptions = (types: readonly AfterSaleType[]) =>
  types.map((value) => ({ value, label: AFTER_SALE_TYPE_LABELS[value] }));
