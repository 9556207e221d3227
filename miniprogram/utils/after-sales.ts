/**
 * After-sales (售后) as the order detail, the 申请售后 page and 我的售后 read it: whether a request is still under
 * way, a request in one line, the types as a picker offers them. What a new request may ask for is getOrder's
 * `afterSaleTypes`, decided by the server. Pure, beside its tests.
 */
import {
  AFTER_SALE_OPEN_STATUSES,
  AFTER_SALE_TYPE_LABELS,
  type AfterSaleStatus,
  type AfterSaleType,
  type listMyAfterSalesContract,
  type ResponseOf,
} from '@shared/client';

export type AfterSaleSummary = ResponseOf<typeof listMyAfterSalesContract>['items'][number];

export const isAfterSaleOpen = (status: AfterSaleStatus): boolean => AFTER_SALE_OPEN_STATUSES.includes(status);

/** `退货退款 · 待商家处理`: a request in one line. */
export const afterSaleLine = (afterSale: Pick<AfterSaleSummary, 'typeLabel' | 'statusLabel'>): string =>
  `${afterSale.typeLabel} · ${afterSale.statusLabel}`;

/** The types as a picker offers them. */
export const afterSaleTypeOptions = (types: readonly AfterSaleType[]) =>
  types.map((value) => ({ value, label: AFTER_SALE_TYPE_LABELS[value] }));
