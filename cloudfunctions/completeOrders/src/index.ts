import { completeOrdersContract } from '@shared/contracts/complete-orders.contract';
import { completeOrders } from '@shared/server/jobs/complete-orders';
import { recordJobRun } from '@shared/server/jobs/job-runs';
import { defineTrigger } from '@shared/server/runtime';

export const main = defineTrigger(completeOrdersContract, completeOrders, recordJobRun);
