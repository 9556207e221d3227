/**
 * Who may act at a pickup point: mark a batch arrived there, check a code and hand goods over (核销): ops, the
 * merchant whose goods they are, or the point's keeper (团长: the registered leader its `keeperOpenid` names,
 * acting from the mini-program's 团长中心) at their own point only. Every such check goes through this one
 * function.
 */
import type { StaffPrincipal } from '../runtime/define-http-function';

export interface AtPickupPoint {
  readonly pickupPointId: string;
  /** The merchant whose batch or order it is. */
  readonly merchantId: string;
}

/** A registered 团长 acting at the point they keep (found by `leader/point-keeper.ts`: leader and keeper agree). */
export interface PointKeeper {
  readonly keeperOpenid: string;
  readonly pickupPointId: string;
}

/** Who acts at a point: a member of staff in the console, or the point's keeper in the mini-program. */
export type PickupPointActor = StaffPrincipal | PointKeeper;

const isKeeper = (actor: PickupPointActor): actor is PointKeeper => 'keeperOpenid' in actor;

export function mayActAtPickupPoint(actor: PickupPointActor, at: AtPickupPoint): boolean {
  if (isKeeper(actor)) return actor.pickupPointId === at.pickupPointId;
  if (actor.role === 'ops') return true;
  return actor.role === 'merchant' && actor.merchantId !== undefined && actor.merchantId === at.merchantId;
}
