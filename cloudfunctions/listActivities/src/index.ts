import { listActivitiesContract } from '@shared/contracts/read.contracts';
import { defineFunction, listActivities } from '@shared/server';

export const main = defineFunction(listActivitiesContract, listActivities);
