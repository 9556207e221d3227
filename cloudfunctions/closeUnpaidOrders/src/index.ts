import { closeUnpaidOrdersContract } from '@shared/contracts/close-unpaid-orders.contract';
import { closeUnpaidOrders } from '@shared/server/jobs/close-unpaid-orders';
import { defineTrigger } from '@shared/server/runtime';

export const main = defineTrigger(closeUnpaidOrdersContract, closeUnpaidOrders);
