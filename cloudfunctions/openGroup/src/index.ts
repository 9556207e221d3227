import { openGroupContract } from '@shared/contracts/order.contracts';
import { defineFunction, openGroup } from '@shared/server';

export const main = defineFunction(openGroupContract, openGroup);
