import { getShareCodeContract } from '@shared/contracts/get-share-code.contract';
import { getShareCode } from '@shared/server/groups/get-share-code';
import { defineFunction } from '@shared/server/runtime';

export const main = defineFunction(getShareCodeContract, getShareCode);
