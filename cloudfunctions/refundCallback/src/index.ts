import { refundCallbackContract } from '@shared/contracts/refund-callback.contract';
import { refundCallback } from '@shared/server/payments/refund-callback';
import { defineCallback } from '@shared/server/runtime';

export const main = defineCallback(refundCallbackContract, refundCallback);
