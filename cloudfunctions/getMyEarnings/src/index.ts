import { getMyEarningsContract } from '@shared/contracts/get-my-earnings.contract';
import { getMyEarnings } from '@shared/server/leader/get-my-earnings';
import { defineFunction } from '@shared/server/runtime';

export const main = defineFunction(getMyEarningsContract, getMyEarnings);
