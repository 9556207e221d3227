import { applyForLeaderContract } from '@shared/contracts/apply-for-leader.contract';
import { applyForLeader } from '@shared/server/leader/apply-for-leader';
import { defineFunction } from '@shared/server/runtime';

export const main = defineFunction(applyForLeaderContract, applyForLeader);
