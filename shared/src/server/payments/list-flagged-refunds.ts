/** listFlaggedRefunds (console): refunds CloudPay kept refusing, handed to ops, oldest first. */
import type { listFlaggedRefundsContract } from '../../contracts/admin';
import { listFlaggedRefunds as findFlagged } from '../repositories/refund.repository';
import type { AdminUseCase } from '../runtime/define-http-function';
import { consoleRefund } from '../ordering/console-refunds';

export const listFlaggedRefunds: AdminUseCase<typeof listFlaggedRefundsContract> = async (input) => {
  const found = await findFlagged({ offset: input.offset, limit: input.limit + 1 });
  return {
    items: found.slice(0, input.limit).map((refund) => ({
      ...consoleRefund(refund),
      orderId: refund.orderId,
      ...(refund.flaggedAt ? { flaggedAt: refund.flaggedAt } : {}),
    })),
    hasMore: found.length > input.limit,
  };
};
