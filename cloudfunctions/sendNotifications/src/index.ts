import { defineTrigger, sendNotifications } from '@shared/server';

export const main = defineTrigger({ name: 'sendNotifications', defaultLimit: 500, budgetMs: 8_000 }, sendNotifications);
