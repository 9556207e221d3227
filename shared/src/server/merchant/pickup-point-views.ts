/** What the pickup-point actions share: a point as the console reads it, and as the audit log keeps it. */
import type { PickupPointView } from '../../contracts/admin';
import { type PickupPoint } from '../../domain/catalog.schema';
import { DomainError } from '../../kernel/errors';
import { getPickupPoint } from '../repositories/catalog.repository';

export function pickupPointView(point: PickupPoint): PickupPointView {
  const [longitude, latitude] = point.location.coordinates;
  return {
    pickupPointId: point._id,
    name: point.name,
    district: point.district,
    address: point.address,
    longitude,
    latitude,
    openHours: point.openHours,
    contactName: point.contactName,
    contactPhone: point.contactPhone,
    status: point.status,
    ...(point.createdAt !== undefined ? { createdAt: point.createdAt } : {}),
    ...(point.updatedAt !== undefined ? { updatedAt: point.updatedAt } : {}),
  };
}

/** What the audit log keeps of a point. */
export function auditedPoint(point: PickupPoint) {
  const { _id: _, createdAt: __, updatedAt: ___, keeperOpenid: ____, ...fields } = point;
  return fields;
}

export async function existingPoint(pointId: string): Promise<PickupPoint> {
  const point = await getPickupPoint(pointId);
  if (!point) throw new DomainError('NOT_FOUND', `pickup point ${pointId}`);
  return point;
}
