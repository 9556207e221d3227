/**
 * retractLeaderApplication: the applicant takes back their application while ops have not answered it. Sent
 * again, it answers the retracted application.
 */
import { idSchema } from '../domain/common.schema';
import * as z from '../kernel/zod';
import { defineContract } from './contract';
import { leaderApplicationViewSchema } from './leader-application-view.schema';

export const retractLeaderApplicationContract = defineContract({
  name: 'retractLeaderApplication',
  errors: ['NOT_FOUND', 'LEADER_APPLICATION_NOT_ACTIONABLE', 'CONFLICT'],
  request: z.object({ applicationId: idSchema }),
  response: leaderApplicationViewSchema,
});
