/** searchLeaderApplications (console, ops): 团长 applications of one status or all, newest first, a page at a time. */
import type { searchLeaderApplicationsContract } from '../../contracts/admin';
import { searchLeaderApplications as findApplications } from '../repositories/leader-application.repository';
import type { AdminUseCase } from '../runtime/define-http-function';
import { consoleLeaderApplication } from './leader-application-views';

export const searchLeaderApplications: AdminUseCase<typeof searchLeaderApplicationsContract> = async (input) => {
  const { limit, offset, ...filter } = input;
  const found = await findApplications(filter, { offset, limit: limit + 1 });
  return { items: found.slice(0, limit).map(consoleLeaderApplication), hasMore: found.length > limit };
};
