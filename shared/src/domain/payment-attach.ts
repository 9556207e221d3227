/**
 * What an order tells CloudPay to echo back in its payment notification (`attach`, ≤ 127 bytes): the
 * order's role, group and activity, stock and quantity. With it the payment callback applies a payment
 * without first reading the order; the order's own conditional update still checks the amount and state.
 */
import type { Order, OrderRole, StockRef } from './order.schema';

export interface PaymentAttach {
  readonly role: OrderRole;
  readonly groupId?: string;
  /** A group order's activity: a seat is paid only while the activity still sells. */
  readonly activityId?: string;
  readonly stock: StockRef;
  readonly quantity: number;
}

/** What an order's payment must tell the callback. */
export const attachOf = (
  order: Pick<Order, 'role' | 'groupId' | 'activityId' | 'stock' | 'quantity'>,
): PaymentAttach => ({
  role: order.role,
  ...(order.groupId ? { groupId: order.groupId } : {}),
  ...(order.groupId && order.activityId ? { activityId: order.activityId } : {}),
  stock: order.stock,
  quantity: order.quantity,
});

const ROLE_CODES = { leader: 'L', member: 'M', solo: 'S' } as const satisfies Record<OrderRole, string>;
const STOCK_CODES = { sku: 's', pool: 'p' } as const satisfies Record<StockRef['kind'], string>;
const ROLES_BY_CODE: Record<string, OrderRole> = { L: 'leader', M: 'member', S: 'solo' };
export const ATTACH_MAX_BYTES = 127;

/** The attach text, or undefined when it would not fit (the callback then reads the order). */
export function encodeAttach(attach: PaymentAttach): string | undefined {
  const stock = `${STOCK_CODES[attach.stock.kind]}:${attach.stock.id}`;
  const text = [
    ROLE_CODES[attach.role],
    attach.groupId ?? '',
    attach.activityId ?? '',
    stock,
    String(attach.quantity),
  ].join('|');
  return utf8Length(text) <= ATTACH_MAX_BYTES ? text : undefined;
}

/** Bytes of `text` in UTF-8 (each %XX escape of encodeURIComponent is one byte). */
const utf8Length = (text: string): number => encodeURIComponent(text).replace(/%[0-9A-F]{2}/g, '_').length;

export function decodeAttach(text: string | undefined): PaymentAttach | undefined {
  const parts = text?.split('|');
  if (!parts || parts.length !== 5) return undefined;
  const [roleCode = '', groupId = '', activityId = '', stock = '', quantityText = ''] = parts;
  const role = ROLES_BY_CODE[roleCode];
  const match = /^([sp]):(.+)$/.exec(stock);
  const quantity = Number(quantityText);
  if (!role || !match?.[2] || !Number.isSafeInteger(quantity) || quantity < 1) return undefined;
  const solo = role === 'solo';
  if (solo !== (groupId === '') || solo !== (activityId === '')) return undefined;
  return {
    role,
    ...(groupId ? { groupId } : {}),
    ...(activityId ? { activityId } : {}),
    stock: { kind: match[1] === 's' ? 'sku' : 'pool', id: match[2] },
    quantity,
  };
}
