import { getLeaderDashboardContract } from '@shared/contracts/get-leader-dashboard.contract';
import { getLeaderDashboard } from '@shared/server/leader/get-leader-dashboard';
import { defineFunction } from '@shared/server/runtime';

export const main = defineFunction(getLeaderDashboardContract, getLeaderDashboard);
