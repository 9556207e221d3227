/**
 * getOrderTrack: where one of the caller's orders is. Another shopper's order reads like a missing one
 * (NOT_FOUND). An express order answers its parcel's track (`currentTrack`: the stored one while current, else
 * the provider's, stored; the last known one, stale, when the provider cannot answer); a pickup order answers its
 * batch; an order not shipped says so. One database round trip while the track is current, three to refresh it.
 */
import type { getOrderTrackContract } from '../../contracts/get-order-track.contract';
import { isFinalParcelState, PARCEL_STATE_LABELS } from '../../domain/parcel-track';
import { CARRIERS } from '../../domain/shipment.schema';
import { DomainError } from '../../kernel/errors';
import { getOrder as findOrder } from '../repositories/order.repository';
import type { UseCase } from '../runtime/define-function';
import { currentTrack } from './track-refresh';

export const getOrderTrack: UseCase<typeof getOrderTrackContract> = async (input, ctx) => {
  const now = ctx.clock.now();
  const order = await findOrder(input.orderId);
  if (!order || order.openid !== ctx.openid) throw new DomainError('NOT_FOUND', `order ${input.orderId}`);
  const { shipment } = order;
  if (!shipment) return { kind: 'not_shipped', orderId: order._id };
  if (shipment.kind === 'pickup') {
    return {
      kind: 'pickup',
      orderId: order._id,
      shippedAt: shipment.shippedAt,
      ...(shipment.arrivedAt !== undefined ? { arrivedAt: shipment.arrivedAt } : {}),
    };
  }

  const { track, stale } = await currentTrack(order, shipment, now, ctx.log);
  return {
    kind: 'express',
    orderId: order._id,
    carrier: shipment.carrier,
    carrierName: CARRIERS[shipment.carrier].name,
    trackingNo: shipment.trackingNo,
    shippedAt: shipment.shippedAt,
    ...(track
      ? {
          track: {
            state: track.state,
            stateLabel: PARCEL_STATE_LABELS[track.state],
            events: track.events,
            checkedAt: track.checkedAt,
            final: isFinalParcelState(track.state),
          },
        }
      : {}),
    stale,
  };
};
