import { verifyPickupAtPointContract } from '@shared/contracts/verify-pickup-at-point.contract';
import { verifyPickupAtPoint } from '@shared/server/leader/verify-pickup-at-point';
import { defineFunction } from '@shared/server/runtime';

export const main = defineFunction(verifyPickupAtPointContract, verifyPickupAtPoint);
