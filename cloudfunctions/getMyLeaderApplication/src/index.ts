import { getMyLeaderApplicationContract } from '@shared/contracts/get-my-leader-application.contract';
import { getMyLeaderApplication } from '@shared/server/leader/get-my-leader-application';
import { defineFunction } from '@shared/server/runtime';

export const main = defineFunction(getMyLeaderApplicationContract, getMyLeaderApplication);
