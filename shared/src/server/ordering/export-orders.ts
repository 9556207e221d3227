/**
 * exportOrders (console): the orders a search finds as CSV, for Excel: UTF-8 with a BOM (so Chinese reads
 * right), money in yuan with 2 decimals, times in Shanghai. Built a page at a time (never the whole result
 * in one query), and bounded: more than EXPORT_MAX_ROWS orders asks for a narrower search.
 */
import { EXPORT_MAX_ROWS, type exportOrdersContract } from '../../contracts/admin';
import { ORDER_STATUS_LABELS } from '../../domain/order.machine';
import type { Order } from '../../domain/order.schema';
import { DomainError } from '../../kernel/errors';
import { fen, yuanText } from '../../kernel/money';
import { formatBusinessTime } from '../../kernel/time';
import { merchantScope } from '../runtime/staff-scope';
import { searchOrders } from '../repositories/order.repository';
import type { AdminUseCase } from '../runtime/define-http-function';

const PAGE = 500;

const HEADER = [
  '订单号',
  '拼团号',
  '商品',
  '规格',
  '数量',
  '单价(元)',
  '实付(元)',
  '已退(元)',
  '状态',
  '配送',
  '区县',
  '收货人/自提点',
  '下单时间',
  '支付时间',
];

/** A CSV field: quoted when it holds a comma, quote or line break; a leading =+-@ is defused for Excel. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const time = (at: number | undefined) => (at === undefined ? '' : formatBusinessTime(at, 'YYYY-MM-DD HH:mm:ss'));

function row(order: Order): string {
  const delivery = order.delivery;
  return [
    order._id,
    order.groupId ?? '',
    order.title,
    order.spec,
    String(order.quantity),
    yuanText(order.unitPrice),
    yuanText(order.total),
    yuanText(fen(order.refundedAmount ?? 0)),
    ORDER_STATUS_LABELS[order.status],
    delivery.kind === 'pickup' ? '自提' : '快递',
    delivery.district,
    delivery.name,
    time(order.createdAt),
    time(order.paidAt),
  ]
    .map(csvField)
    .join(',');
}

export const exportOrders: AdminUseCase<typeof exportOrdersContract> = async (input, ctx) => {
  const search = { ...input, ...merchantScope(ctx) };
  const lines = [HEADER.map(csvField).join(',')];
  for (let offset = 0; ; offset += PAGE) {
    const page = await searchOrders(search, { offset, limit: PAGE });
    lines.push(...page.map(row));
    if (lines.length - 1 > EXPORT_MAX_ROWS) {
      throw new DomainError('EXPORT_TOO_LARGE', `more than ${EXPORT_MAX_ROWS} orders`);
    }
    if (page.length < PAGE) break;
  }
  return {
    filename: `订单-${formatBusinessTime(ctx.clock.now(), 'YYYYMMDD-HHmmss')}.csv`,
    contentType: 'text/csv; charset=utf-8',
    content: `\uFEFF${lines.join('\r\n')}\r\n`,
  };
};
