/**
 * retractLeaderApplication: the applicant takes back their waiting application (one conditional transaction on
 * it; someone else's reads as missing). Sent again, it answers the application already retracted.
 */
import type { retractLeaderApplicationContract } from '../../contracts/retract-leader-application.contract';
import { decideLeaderRetraction, type LeaderApplication } from '../../domain/leader.schema';
import { leaderApplicationMachine } from '../../domain/leader-application.machine';
import { DomainError } from '../../kernel/errors';
import { changeLeaderApplication } from '../repositories/leader-application.repository';
import type { UseCase } from '../runtime/define-function';
import { shopperLeaderApplication } from './leader-application-views';

const RETRACTED = leaderApplicationMachine.transition('retracted_by_applicant').to;

export const retractLeaderApplication: UseCase<typeof retractLeaderApplicationContract> = async (input, ctx) => {
  const now = ctx.clock.now();
  const application = await changeLeaderApplication<LeaderApplication>(input.applicationId, (found) => {
    const decided = decideLeaderRetraction(found, { openid: ctx.openid, now });
    if (decided === 'LEADER_APPLICATION_NOT_ACTIONABLE' && found.status === RETRACTED) return { result: found };
    if (typeof decided === 'string') throw new DomainError(decided, `leader application ${found._id}`);
    return { patch: decided, result: { ...found, ...decided } };
  });
  return shopperLeaderApplication(application);
};
