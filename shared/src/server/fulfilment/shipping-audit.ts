/** What the audit log keeps of a shipping request: which orders left with which waybill, which were refused. */
import type { ShipResult } from '../../contracts/admin';
import type { Waybill } from '../../domain/fulfilment';
import type { AuditEntry } from '../runtime/define-http-function';

/** Express shipments are audited under one target, each order with its waybill in `after`. */
export const EXPRESS_AUDIT_TARGET = 'shipments/express';

export function auditOfExpress(
  shipments: readonly (Waybill & { readonly orderId: string })[],
  results: readonly ShipResult[],
  extra: Record<string, unknown> = {},
): AuditEntry {
  const waybills = new Map(shipments.map((s) => [s.orderId, s]));
  const of = (outcome: ShipResult['outcome']) => results.filter((r) => r.outcome === outcome);
  return {
    target: EXPRESS_AUDIT_TARGET,
    after: {
      ...extra,
      shipped: of('done').map((r) => ({
        orderId: r.orderId,
        carrier: waybills.get(r.orderId)?.carrier,
        trackingNo: waybills.get(r.orderId)?.trackingNo,
      })),
      repeated: of('repeat').map((r) => r.orderId),
      refused: of('refused').map((r) => ({ orderId: r.orderId, reason: r.reason })),
      unfinished: of('unfinished').map((r) => r.orderId),
    },
  };
}
