import { joinGroupContract } from '@shared/contracts/order.contracts';
import { defineFunction, joinGroup } from '@shared/server';

export const main = defineFunction(joinGroupContract, joinGroup);
