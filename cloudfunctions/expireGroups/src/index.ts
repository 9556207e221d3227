import { defineTrigger, expireGroups } from '@shared/server';

export const main = defineTrigger({ name: 'expireGroups', defaultLimit: 5000, budgetMs: 8_000 }, expireGroups);
