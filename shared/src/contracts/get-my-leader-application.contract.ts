/**
 * getMyLeaderApplication: the caller's latest 团长 application (none: null) and, once approved, the leader they
 * are and the point they run.
 */
import * as z from '../kernel/zod';
import { defineContract } from './contract';
import { leaderApplicationViewSchema, leaderViewSchema } from './leader-application-view.schema';

export const getMyLeaderApplicationContract = defineContract({
  name: 'getMyLeaderApplication',
  request: z.object({}),
  response: z.object({ application: leaderApplicationViewSchema.nullable(), leader: leaderViewSchema.nullable() }),
});
