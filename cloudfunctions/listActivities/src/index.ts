import { listActivitiesContract } from '@shared/contracts/list-activities.contract';
import { listActivities } from '@shared/server/discovery/list-activities';
import { defineFunction } from '@shared/server/runtime';

export const main = defineFunction(listActivitiesContract, listActivities);
