import { listLeaderGroupsContract } from '@shared/contracts/list-leader-groups.contract';
import { listLeaderGroups } from '@shared/server/leader/list-leader-groups';
import { defineFunction } from '@shared/server/runtime';

export const main = defineFunction(listLeaderGroupsContract, listLeaderGroups);
