import { buySoloContract } from '@shared/contracts/buy-solo.contract';
import { buySolo } from '@shared/server/ordering/buy-solo';
import { defineFunction } from '@shared/server/runtime';

export const main = defineFunction(buySoloContract, buySolo);
