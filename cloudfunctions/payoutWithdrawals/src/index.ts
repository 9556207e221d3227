import { payoutWithdrawalsContract } from '@shared/contracts/payout-withdrawals.contract';
import { recordJobRun } from '@shared/server/jobs/job-runs';
import { payoutWithdrawals } from '@shared/server/jobs/payout-withdrawals';
import { defineTrigger } from '@shared/server/runtime';

export const main = defineTrigger(payoutWithdrawalsContract, payoutWithdrawals, recordJobRun);
