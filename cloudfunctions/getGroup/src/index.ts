import { getGroupContract } from '@shared/contracts/get-group.contract';
import { getGroup } from '@shared/server/groups/get-group';
import { defineFunction } from '@shared/server/runtime';

export const main = defineFunction(getGroupContract, getGroup);
