import { payOrderContract } from '@shared/contracts/pay-order.contract';
import { payOrder } from '@shared/server/ordering/pay-order';
import { defineFunction } from '@shared/server/runtime';

export const main = defineFunction(payOrderContract, payOrder);
