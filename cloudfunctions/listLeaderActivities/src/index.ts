import { listLeaderActivitiesContract } from '@shared/contracts/list-leader-activities.contract';
import { listLeaderActivities } from '@shared/server/leader/list-leader-activities';
import { defineFunction } from '@shared/server/runtime';

export const main = defineFunction(listLeaderActivitiesContract, listLeaderActivities);
