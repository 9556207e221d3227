import { payOrderContract } from '@shared/contracts/order.contracts';
import { defineFunction, payOrder } from '@shared/server';

export const main = defineFunction(payOrderContract, payOrder);
