import { getOrderContract } from '@shared/contracts/get-order.contract';
import { getOrder } from '@shared/server/ordering/get-order';
import { defineFunction } from '@shared/server/runtime';

export const main = defineFunction(getOrderContract, getOrder);
