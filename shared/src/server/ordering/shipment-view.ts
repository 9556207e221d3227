/** How an order's shipment is shown, to its shopper and to staff: the carrier by the name the shopper reads. */
import type { ShipmentView } from '../../contracts/common.schema';
import { CARRIERS, type Shipment } from '../../domain/shipment.schema';

export function shipmentView(shipment: Shipment): ShipmentView {
  if (shipment.kind === 'express') {
    return {
      kind: 'express',
      carrier: shipment.carrier,
      carrierName: CARRIERS[shipment.carrier].name,
      trackingNo: shipment.trackingNo,
      shippedAt: shipment.shippedAt,
    };
  }
  return {
    kind: 'pickup',
    pickupPointId: shipment.pickupPointId,
    batchId: shipment.batchId,
    shippedAt: shipment.shippedAt,
    ...(shipment.arrivedAt !== undefined ? { arrivedAt: shipment.arrivedAt } : {}),
  };
}
