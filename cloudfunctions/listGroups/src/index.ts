import { listGroupsContract } from '@shared/contracts/list-groups.contract';
import { listGroups } from '@shared/server/discovery/list-groups';
import { defineFunction } from '@shared/server/runtime';

export const main = defineFunction(listGroupsContract, listGroups);
