import { listMyOrdersContract } from '@shared/contracts/list-my-orders.contract';
import { listMyOrders } from '@shared/server/ordering/list-my-orders';
import { defineFunction } from '@shared/server/runtime';

export const main = defineFunction(listMyOrdersContract, listMyOrders);
