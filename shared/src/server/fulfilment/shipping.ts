/**
 * Shipping many orders: each order in its own transaction (`shipOrder`: the order, its history step, its
 * message and its shipping report together), a few at a time, within a time budget well inside adminApi's
 * timeout. Each order is answered on its own; one the budget did not reach is `unfinished`, and sending the
 * request again finishes it, since an order that left the same way reads as a repeat.
 */
import type { ShipResult, ShipResults } from '../../contracts/admin';
import {
  decideExpressShipment,
  SHIP_REFUSAL_LABELS,
  type ShipDecision,
  type ShipRefusal,
  type Waybill,
} from '../../domain/fulfilment';
import type { Order } from '../../domain/order.schema';
import { shipOrder } from '../repositories/order-fulfilment.repository';
import type { InvocationContext } from '../runtime/call-context';

/** adminApi times out after 10 s: no order starts shipping after 6. */
export const SHIPPING_BUDGET_MS = 6_000;
/** Orders shipped at once (each a transaction on its own documents). */
export const SHIPPING_CONCURRENCY = 8;

/** A merchant's scope: an order of another merchant reads as none at all. */
export const inScope =
  (scope: { readonly merchantId?: string }) =>
  (order: Order | null): Order | null =>
    order && (scope.merchantId === undefined || order.merchantId === scope.merchantId) ? order : null;

export const refusal = (orderId: string, reason: ShipRefusal): ShipResult => ({
  orderId,
  outcome: 'refused',
  reason,
  reasonLabel: SHIP_REFUSAL_LABELS[reason],
});

/** What a decision comes to for the console. */
export function shipResult(orderId: string, decision: ShipDecision): ShipResult {
  if (decision.kind === 'refused') return refusal(orderId, decision.reason);
  return { orderId, outcome: decision.kind === 'ship' ? 'done' : 'repeat' };
}

export function tally(results: readonly ShipResult[]): ShipResults {
  const count = (outcome: ShipResult['outcome']) => results.filter((r) => r.outcome === outcome).length;
  return {
    results: [...results],
    done: count('done'),
    repeated: count('repeat'),
    refused: count('refused'),
    unfinished: count('unfinished'),
  };
}

/**
 * Runs `work` for each item, `SHIPPING_CONCURRENCY` at a time, starting none after the budget; an item not
 * started, or whose work failed unexpectedly, is `unfinished` (logged), the others answer what `work` did.
 */
export async function forEachWithin<T extends { readonly orderId: string }>(
  items: readonly T[],
  work: (item: T) => Promise<ShipResult>,
  ctx: Pick<InvocationContext, 'log'>,
  budgetMs = SHIPPING_BUDGET_MS,
): Promise<ShipResult[]> {
  const deadline = Date.now() + budgetMs;
  const results: ShipResult[] = items.map((item) => ({ orderId: item.orderId, outcome: 'unfinished' }));
  let next = 0;
  const worker = async () => {
    while (next < items.length && Date.now() < deadline) {
      const index = next++;
      const item = items[index] as T;
      try {
        results[index] = await work(item);
      } catch (error) {
        ctx.log.warn('order not shipped: left for the next try', { orderId: item.orderId, error: String(error) });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(SHIPPING_CONCURRENCY, items.length) }, worker));
  return results;
}

/** Ships express orders with their waybills, within the staff member's scope. */
export function shipExpress(
  shipments: readonly (Waybill & { readonly orderId: string })[],
  scope: { readonly merchantId?: string },
  by: string,
  now: number,
  ctx: Pick<InvocationContext, 'log'>,
): Promise<ShipResult[]> {
  const visible = inScope(scope);
  return forEachWithin(
    shipments,
    async (item) =>
      shipResult(
        item.orderId,
        await shipOrder(item.orderId, (order) => decideExpressShipment(visible(order), item, by, now), now),
      ),
    ctx,
  );
}
