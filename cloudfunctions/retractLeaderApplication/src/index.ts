import { retractLeaderApplicationContract } from '@shared/contracts/retract-leader-application.contract';
import { retractLeaderApplication } from '@shared/server/leader/retract-leader-application';
import { defineFunction } from '@shared/server/runtime';

export const main = defineFunction(retractLeaderApplicationContract, retractLeaderApplication);
