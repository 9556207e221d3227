/**
 * deactivatePickupPoint (ops): checkout stops offering the point and openGroup, joinGroup and buySolo refuse
 * a delivery there (PICKUP_POINT_INACTIVE); orders already there keep it.
 */
import type { deactivatePickupPointContract } from '../../contracts/admin';
import type { AdminUseCase } from '../runtime/define-http-function';
import { movePickupPoint } from './pickup-point-status';

export const deactivatePickupPoint: AdminUseCase<typeof deactivatePickupPointContract> = (input, ctx) =>
  movePickupPoint(ctx, input.pickupPointId, 'deactivated');
