import { listGroupsContract } from '@shared/contracts/discovery.contracts';
import { defineFunction, listGroups } from '@shared/server';

export const main = defineFunction(listGroupsContract, listGroups);
