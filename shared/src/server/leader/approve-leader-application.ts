/**
 * approveLeaderApplication (console, ops): one transaction writes the application, the new leader and their point
 * (an existing point's `keeperOpenid`, conditional on the transaction: a point that got another keeper meanwhile is
 * refused; or the applicant's shop as a new point). Two ops approving at once approve once (the later one decides
 * again on what the earlier wrote and is refused); the same `requestKey` again answers the application as it stands.
 */
import type { approveLeaderApplicationContract } from '../../contracts/admin';
import { decideLeaderApproval } from '../../domain/leader.schema';
import { DomainError } from '../../kernel/errors';
import { staffOf } from '../runtime/staff-scope';
import { approveLeaderApplication as approve } from '../repositories/leader-application.repository';
import type { AdminUseCase } from '../runtime/define-http-function';
import { consoleLeaderApplication } from './leader-application-views';

export const approveLeaderApplication: AdminUseCase<typeof approveLeaderApplicationContract> = async (input, ctx) => {
  const by = `staff:${staffOf(ctx).account}`;
  const now = ctx.clock.now();
  const acted = await approve(input.applicationId, input.requestKey, (application, state) => {
    if (application.decisionKey === input.requestKey) return null;
    const decided = decideLeaderApproval(application, { ...state, by, now });
    if (typeof decided === 'string') throw new DomainError(decided, `leader application ${application._id}`);
    return decided;
  });
  await ctx.audit({
    target: `leader-application/${acted.application._id}`,
    before: { status: acted.before.status },
    after: {
      status: acted.application.status,
      openid: acted.application.openid,
      pickupPointId: acted.application.pickupPointId,
      ...(acted.changed ? {} : { repeat: true }),
    },
  });
  return { application: consoleLeaderApplication(acted.application) };
};
