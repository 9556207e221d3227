/** What 我的售后 shows: one row per after-sales request, newest first; a row opens its progress. */
import { formatBusinessTime } from '@shared/client';
import { type AfterSaleSummary, isAfterSaleOpen } from '../../../../utils/after-sales';
import { priceText } from '../../../../utils/format';

export interface AfterSaleRow {
  readonly afterSaleId: string;
  readonly title: string;
  readonly typeLabel: string;
  readonly statusLabel: string;
  /** Still under way: its status is shown prominently. */
  readonly open: boolean;
  /** `退款 ¥39.80`, or '' for an exchange. */
  readonly amountText: string;
  readonly timeText: string;
}

export function afterSaleRow(item: AfterSaleSummary): AfterSaleRow {
  return {
    afterSaleId: item.afterSaleId,
    title: item.title,
    typeLabel: item.typeLabel,
    statusLabel: item.statusLabel,
    open: isAfterSaleOpen(item.status),
    amountText: item.amount !== undefined ? `退款 ${priceText(item.amount)}` : '',
    timeText: `申请于 ${formatBusinessTime(item.createdAt, 'YYYY-MM-DD HH:mm')}`,
  };
}

export const EMPTY_TEXT = '还没有售后申请';
