import { getGroupContract } from '@shared/contracts/read.contracts';
import { defineFunction, getGroup } from '@shared/server';

export const main = defineFunction(getGroupContract, getGroup);
