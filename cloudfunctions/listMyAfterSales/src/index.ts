import { listMyAfterSalesContract } from '@shared/contracts/list-my-after-sales.contract';
import { listMyAfterSales } from '@shared/server/after-sales/list-my-after-sales';
import { defineFunction } from '@shared/server/runtime';

export const main = defineFunction(listMyAfterSalesContract, listMyAfterSales);
