import { settleCommissionsContract } from '@shared/contracts/settle-commissions.contract';
import { recordJobRun } from '@shared/server/jobs/job-runs';
import { settleCommissions } from '@shared/server/jobs/settle-commissions';
import { defineTrigger } from '@shared/server/runtime';

export const main = defineTrigger(settleCommissionsContract, settleCommissions, recordJobRun);
