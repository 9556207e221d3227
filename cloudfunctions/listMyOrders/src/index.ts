import { listMyOrdersContract } from '@shared/contracts/read.contracts';
import { defineFunction, listMyOrders } from '@shared/server';

export const main = defineFunction(listMyOrdersContract, listMyOrders);
