import { getShareCodeContract } from '@shared/contracts/share.contracts';
import { defineFunction, getShareCode } from '@shared/server';

export const main = defineFunction(getShareCodeContract, getShareCode);
