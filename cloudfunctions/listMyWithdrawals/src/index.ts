import { listMyWithdrawalsContract } from '@shared/contracts/list-my-withdrawals.contract';
import { listMyWithdrawals } from '@shared/server/leader/list-my-withdrawals';
import { defineFunction } from '@shared/server/runtime';

export const main = defineFunction(listMyWithdrawalsContract, listMyWithdrawals);
