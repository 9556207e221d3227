import { withdrawAfterSaleContract } from '@shared/contracts/withdraw-after-sale.contract';
import { withdrawAfterSale } from '@shared/server/after-sales/withdraw-after-sale';
import { defineFunction } from '@shared/server/runtime';

export const main = defineFunction(withdrawAfterSaleContract, withdrawAfterSale);
