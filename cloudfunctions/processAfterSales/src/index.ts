import { processAfterSalesContract } from '@shared/contracts/process-after-sales.contract';
import { processAfterSales } from '@shared/server/jobs/process-after-sales';
import { recordJobRun } from '@shared/server/jobs/job-runs';
import { defineTrigger } from '@shared/server/runtime';

export const main = defineTrigger(processAfterSalesContract, processAfterSales, recordJobRun);
