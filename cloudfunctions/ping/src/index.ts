import { pingContract } from '@shared/contracts/ping.contract';
import { ping } from '@shared/server/system/ping';
import { defineFunction } from '@shared/server/runtime';

export const main = defineFunction(pingContract, ping);
