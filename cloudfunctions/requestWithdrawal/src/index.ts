import { requestWithdrawalContract } from '@shared/contracts/request-withdrawal.contract';
import { requestWithdrawal } from '@shared/server/leader/request-withdrawal';
import { defineFunction } from '@shared/server/runtime';

export const main = defineFunction(requestWithdrawalContract, requestWithdrawal);
