import { pingContract } from '@shared/contracts/ping.contract';
import { defineFunction, ping } from '@shared/server';

export const main = defineFunction(pingContract, ping);
