import { closeUnpaidOrders, defineTrigger } from '@shared/server';

export const main = defineTrigger({ name: 'closeUnpaidOrders', defaultLimit: 500, budgetMs: 8_000 }, closeUnpaidOrders);
