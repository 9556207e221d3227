import { getAfterSaleContract } from '@shared/contracts/get-after-sale.contract';
import { getAfterSale } from '@shared/server/after-sales/get-after-sale';
import { defineFunction } from '@shared/server/runtime';

export const main = defineFunction(getAfterSaleContract, getAfterSale);
