import { closeUnpaidOrdersContract } from '@shared/contracts/close-unpaid-orders.contract';
import { closeUnpaidOrders } from '@shared/server/jobs/close-unpaid-orders';
import { recordJobRun } from '@shared/server/jobs/job-runs';
import { defineTrigger } from '@shared/server/runtime';

export const main = defineTrigger(closeUnpaidOrdersContract, closeUnpaidOrders, recordJobRun);
