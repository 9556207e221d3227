import { confirmReceiptContract } from '@shared/contracts/confirm-receipt.contract';
import { confirmReceipt } from '@shared/server/fulfilment/confirm-receipt';
import { defineFunction } from '@shared/server/runtime';

export const main = defineFunction(confirmReceiptContract, confirmReceipt);
