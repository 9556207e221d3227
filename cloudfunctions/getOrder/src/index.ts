import { getOrderContract } from '@shared/contracts/read.contracts';
import { defineFunction, getOrder } from '@shared/server';

export const main = defineFunction(getOrderContract, getOrder);
