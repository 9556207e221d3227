/**
 * Pickup codes (`pickup_codes`): one document per code at a point (`<pointId>-<code>`), naming the order that
 * holds it. Giving an order its code claims that document in the same transaction that moves the order to
 * its point, so two arrivals at one point at once can never hand out the same open code: both write the one
 * document and the second starts over. A claim whose order no longer holds the code open (collected,
 * refunded) is free to take again; a scanned code finds its order through its claim.
 */
import { arrivalOf, FULFILMENT_EVENTS, holdsOpenCode, pickupCodeKey } from '../../domain/fulfilment';
import { outboxEntry } from '../../domain/notification';
import { orderMachine } from '../../domain/order.machine';
import { type Order, type OrderActor, type OrderHistoryEntry, orderSchema } from '../../domain/order.schema';
import { DomainError } from '../../kernel/errors';
import { COLLECTIONS } from '../cloudbase/collections';
import { cmd, getById, inTransaction, plain, type TransactionRef } from '../cloudbase/db';

interface CodeClaim {
  readonly _id: string;
  readonly pickupPointId: string;
  readonly code: string;
  readonly orderId: string;
  readonly claimedAt: number;
}

export type Arrival =
  | { readonly kind: 'arrived'; readonly code: string }
  | { readonly kind: 'already'; readonly code?: string | undefined }
  | { readonly kind: 'skipped' };

async function readOrder(tx: TransactionRef, orderId: string): Promise<Order | null> {
  const found = plain((await tx.collection(COLLECTIONS.orders).doc(orderId).get()).data);
  return found ? orderSchema.parse(found) : null;
}

/**
 * Marks one order of a batch arrived at its point with a code of its own, in one transaction: the order is
 * read, `draw` proposes codes (never one of `taken`), a code held open by another order at the point is
 * skipped, and the claim, the order's move, its history step and its message are written together.
 */
export async function arriveWithCode(
  orderId: string,
  batchId: string,
  draw: (taken: ReadonlySet<string>) => string | undefined,
  now: number,
  by: OrderActor,
): Promise<Arrival> {
  return inTransaction(async (tx) => {
    const order = await readOrder(tx, orderId);
    const arrival = arrivalOf(order, batchId);
    if (arrival === 'skip' || !order || order.shipment?.kind !== 'pickup') return { kind: 'skipped' };
    if (arrival === 'already') return { kind: 'already', code: order.pickupCode };
    const pointId = order.shipment.pickupPointId;
    const codes = tx.collection(COLLECTIONS.pickupCodes);
    const taken = new Set<string>();
    for (;;) {
      const code = draw(taken);
      if (code === undefined) throw new DomainError('CONFLICT', `no free pickup code at ${pointId}`);
      const key = pickupCodeKey(pointId, code);
      const claim = plain((await codes.doc(key).get()).data) as CodeClaim | null;
      if (claim && claim.orderId !== orderId && holdsOpenCode(await readOrder(tx, claim.orderId), pointId, code)) {
        taken.add(code);
        continue;
      }
      if (claim) await codes.doc(key).update({ data: { orderId, claimedAt: now } });
      else await codes.add({ data: { _id: key, pickupPointId: pointId, code, orderId, claimedAt: now } });
      const _ = cmd();
      const { to } = orderMachine.transition(FULFILMENT_EVENTS.arrive);
      const entry: OrderHistoryEntry = { at: now, event: FULFILMENT_EVENTS.arrive, status: to, by };
      await tx
        .collection(COLLECTIONS.orders)
        .doc(orderId)
        .update({
          data: {
            status: to,
            pickupCode: code,
            'shipment.arrivedAt': now,
            updatedAt: now,
            history: _.push([entry]),
            outbox: _.push([outboxEntry('pickup_arrived', now)]),
            outboxPending: true,
          },
        });
      return { kind: 'arrived', code };
    }
  });
}

/** The order a code at a point was last given to, if any. */
export async function orderOfCode(pickupPointId: string, code: string): Promise<string | null> {
  const claim = (await getById(COLLECTIONS.pickupCodes, pickupCodeKey(pickupPointId, code))) as CodeClaim | null;
  return claim?.orderId ?? null;
}
