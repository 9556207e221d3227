import { defineTrigger, retryRefunds } from '@shared/server';

export const main = defineTrigger({ name: 'retryRefunds', defaultLimit: 200, budgetMs: 8_000 }, retryRefunds);
