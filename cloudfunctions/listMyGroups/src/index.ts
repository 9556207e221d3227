import { listMyGroupsContract } from '@shared/contracts/account.contracts';
import { defineFunction, listMyGroups } from '@shared/server';

export const main = defineFunction(listMyGroupsContract, listMyGroups);
