import { sendNotificationsContract } from '@shared/contracts/send-notifications.contract';
import { sendNotifications } from '@shared/server/jobs/send-notifications';
import { recordJobRun } from '@shared/server/jobs/job-runs';
import { defineTrigger } from '@shared/server/runtime';

export const main = defineTrigger(sendNotificationsContract, sendNotifications, recordJobRun);
