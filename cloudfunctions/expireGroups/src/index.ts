import { expireGroupsContract } from '@shared/contracts/expire-groups.contract';
import { expireGroups } from '@shared/server/jobs/expire-groups';
import { recordJobRun } from '@shared/server/jobs/job-runs';
import { defineTrigger } from '@shared/server/runtime';

export const main = defineTrigger(expireGroupsContract, expireGroups, recordJobRun);
