import { requestAfterSaleContract } from '@shared/contracts/request-after-sale.contract';
import { requestAfterSale } from '@shared/server/after-sales/request-after-sale';
import { defineFunction } from '@shared/server/runtime';

export const main = defineFunction(requestAfterSaleContract, requestAfterSale);
