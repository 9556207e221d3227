/**
 * Deactivating and reactivating a pickup point, shared by the two actions: one conditional update from the
 * machine's source status; asking for the status it already has changes nothing.
 */
import type { PickupPointView } from '../../contracts/admin';
import { type PickupPointEvent, pickupPointMachine } from '../../domain/pickup-point.machine';
import { DomainError } from '../../kernel/errors';
import { getPickupPoint } from '../repositories/catalog.repository';
import { transitionPickupPoint } from '../repositories/pickup-point.repository';
import type { AdminCallContext } from '../runtime/define-http-function';
import { existingPoint, pickupPointView } from './pickup-point-views';

export async function movePickupPoint(
  ctx: AdminCallContext,
  pointId: string,
  event: PickupPointEvent,
): Promise<PickupPointView> {
  const now = ctx.clock.now();
  const before = await existingPoint(pointId);
  const { to } = pickupPointMachine.transition(event);
  const moved = before.status !== to && (await transitionPickupPoint(pointId, event, now));
  const after = moved ? { ...before, status: to, updatedAt: now } : await getPickupPoint(pointId);
  if (!after) throw new DomainError('NOT_FOUND', `pickup point ${pointId}`);
  if (after.status !== to) throw new DomainError('CONFLICT', `pickup point ${pointId} is ${after.status}`);
  await ctx.audit({
    target: `pickup-point/${pointId}`,
    before: { status: before.status },
    after: { status: to, ...(moved ? {} : { changed: false }) },
  });
  return pickupPointView(after);
}
