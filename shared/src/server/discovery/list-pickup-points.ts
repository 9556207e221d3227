/**
 * listPickupPoints: where a shopper can collect (自提点), for checkout: nearest first from their
 * location, else by district then name; only one district's when it is given. At most 50; one database
 * round trip.
 */
import type { listPickupPointsContract } from '../../contracts/list-pickup-points.contract';
import { geoPoint } from '../../domain/common.schema';
import { distanceMeters } from '../../domain/scope';
import { listPickupPoints as findPickupPoints } from '../repositories/catalog.repository';
import type { UseCase } from '../runtime/define-function';

export const PICKUP_POINTS_SHOWN = 50;

export const listPickupPoints: UseCase<typeof listPickupPointsContract> = async (input) => {
  const here = input.location ? geoPoint(input.location.longitude, input.location.latitude) : undefined;
  const points = await findPickupPoints({ near: here, district: input.district }, PICKUP_POINTS_SHOWN);
  return {
    items: points.map((point) => ({
      pickupPointId: point._id,
      name: point.name,
      address: point.address,
      district: point.district,
      ...(here ? { distanceMeters: Math.round(distanceMeters(here, point.location)) } : {}),
    })),
  };
};
