import { joinGroupContract } from '@shared/contracts/join-group.contract';
import { joinGroup } from '@shared/server/ordering/join-group';
import { defineFunction } from '@shared/server/runtime';

export const main = defineFunction(joinGroupContract, joinGroup);
