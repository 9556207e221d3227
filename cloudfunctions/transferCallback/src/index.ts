import { transferCallbackContract } from '@shared/contracts/transfer-callback.contract';
import { transferCallback } from '@shared/server/leader/transfer-callback';
import { defineNotifyFunction } from '@shared/server/runtime/define-notify-function';

export const main = defineNotifyFunction(transferCallbackContract, transferCallback);
