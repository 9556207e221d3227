/**
 * Who may act at a pickup point: mark a batch arrived there, check a code and hand goods over (核销). For now
 * ops, or the merchant whose goods they are; the point's keeper (团长) joins here when the leader programme
 * comes, so every such check goes through this one function.
 */
import type { StaffPrincipal } from '../runtime/define-http-function';

export interface AtPickupPoint {
  readonly pickupPointId: string;
  /** The merchant whose batch or order it is. */
  readonly merchantId: string;
}

export function mayActAtPickupPoint(staff: StaffPrincipal, at: AtPickupPoint): boolean {
  if (staff.role === 'ops') return true;
  return staff.role === 'merchant' && staff.merchantId !== undefined && staff.merchantId === at.merchantId;
}
