import { listPickupPointsContract } from '@shared/contracts/discovery.contracts';
import { defineFunction, listPickupPoints } from '@shared/server';

export const main = defineFunction(listPickupPointsContract, listPickupPoints);
