import { buySoloContract } from '@shared/contracts/order.contracts';
import { defineFunction, buySolo } from '@shared/server';

export const main = defineFunction(buySoloContract, buySolo);
