import { retryRefundsContract } from '@shared/contracts/retry-refunds.contract';
import { retryRefunds } from '@shared/server/jobs/retry-refunds';
import { recordJobRun } from '@shared/server/jobs/job-runs';
import { defineTrigger } from '@shared/server/runtime';

export const main = defineTrigger(retryRefundsContract, retryRefunds, recordJobRun);
