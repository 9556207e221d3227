/** reactivatePickupPoint (ops): a deactivated point is offered at checkout again. */
import type { reactivatePickupPointContract } from '../../contracts/admin';
import type { AdminUseCase } from '../runtime/define-http-function';
import { movePickupPoint } from './pickup-point-status';

export const reactivatePickupPoint: AdminUseCase<typeof reactivatePickupPointContract> = (input, ctx) =>
  movePickupPoint(ctx, input.pickupPointId, 'reactivated');
