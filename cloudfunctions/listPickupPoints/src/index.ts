import { listPickupPointsContract } from '@shared/contracts/list-pickup-points.contract';
import { listPickupPoints } from '@shared/server/discovery/list-pickup-points';
import { defineFunction } from '@shared/server/runtime';

export const main = defineFunction(listPickupPointsContract, listPickupPoints);
