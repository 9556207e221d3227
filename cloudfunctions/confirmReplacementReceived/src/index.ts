import { confirmReplacementReceivedContract } from '@shared/contracts/confirm-replacement-received.contract';
import { confirmReplacementReceived } from '@shared/server/after-sales/confirm-replacement-received';
import { defineFunction } from '@shared/server/runtime';

export const main = defineFunction(confirmReplacementReceivedContract, confirmReplacementReceived);
