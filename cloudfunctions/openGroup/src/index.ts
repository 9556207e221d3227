import { openGroupContract } from '@shared/contracts/open-group.contract';
import { openGroup } from '@shared/server/ordering/open-group';
import { defineFunction } from '@shared/server/runtime';

export const main = defineFunction(openGroupContract, openGroup);
