import { listMyGroupsContract } from '@shared/contracts/list-my-groups.contract';
import { listMyGroups } from '@shared/server/groups/list-my-groups';
import { defineFunction } from '@shared/server/runtime';

export const main = defineFunction(listMyGroupsContract, listMyGroups);
