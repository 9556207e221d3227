/**
 * declineLeaderApplication (console, ops): refuses a waiting application with the reason its applicant reads (one
 * transaction on it, so it races an approval or a retraction correctly); the same `requestKey` again answers the
 * application as it stands.
 */
import type { declineLeaderApplicationContract } from '../../contracts/admin';
import { decideLeaderDecline, type LeaderApplication } from '../../domain/leader.schema';
import { DomainError } from '../../kernel/errors';
import { staffOf } from '../runtime/staff-scope';
import { changeLeaderApplication } from '../repositories/leader-application.repository';
import type { AdminUseCase } from '../runtime/define-http-function';
import { consoleLeaderApplication } from './leader-application-views';

interface Declined {
  readonly before: LeaderApplication;
  readonly application: LeaderApplication;
  readonly changed: boolean;
}

export const declineLeaderApplication: AdminUseCase<typeof declineLeaderApplicationContract> = async (input, ctx) => {
  const by = `staff:${staffOf(ctx).account}`;
  const now = ctx.clock.now();
  const acted = await changeLeaderApplication<Declined>(input.applicationId, (application) => {
    if (application.decisionKey === input.requestKey) {
      return { result: { before: application, application, changed: false } };
    }
    const decided = decideLeaderDecline(application, { reason: input.reason, by, now });
    if (typeof decided === 'string') throw new DomainError(decided, `leader application ${application._id}`);
    const patch = { ...decided, decisionKey: input.requestKey };
    return { patch, result: { before: application, application: { ...application, ...patch }, changed: true } };
  });
  await ctx.audit({
    target: `leader-application/${acted.application._id}`,
    before: { status: acted.before.status },
    after: {
      status: acted.application.status,
      reason: acted.application.declineReason,
      ...(acted.changed ? {} : { repeat: true }),
    },
  });
  return { application: consoleLeaderApplication(acted.application) };
};
