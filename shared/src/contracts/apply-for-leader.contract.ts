/**
 * applyForLeader: a shopper applies to be a registered 团长 (name, mobile, community, and the pickup point they
 * will run: an existing one free of any other keeper, or their own shop as a new one). One application waits for
 * ops at a time, and a leader applies no more. The same `requestKey` sent again answers the same application.
 */
import { actionKeySchema } from '../domain/after-sale.schema';
import { leaderApplicationRequestSchema } from '../domain/leader.schema';
import { defineContract } from './contract';
import { leaderApplicationViewSchema } from './leader-application-view.schema';

export const applyForLeaderContract = defineContract({
  name: 'applyForLeader',
  errors: [
    'ALREADY_LEADER',
    'LEADER_APPLICATION_OPEN',
    'NOT_FOUND',
    'PICKUP_POINT_INACTIVE',
    'PICKUP_POINT_TAKEN',
    'CONFLICT',
  ],
  request: leaderApplicationRequestSchema.extend({
    /** The mini-program's id for this submission (one per form): sent again, it is the same application. */
    requestKey: actionKeySchema,
  }),
  response: leaderApplicationViewSchema,
});
