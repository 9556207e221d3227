import { payCallbackContract } from '@shared/contracts/pay-callback.contract';
import { payCallback } from '@shared/server/payments/pay-callback';
import { defineCallback } from '@shared/server/runtime';

export const main = defineCallback(payCallbackContract, payCallback);
