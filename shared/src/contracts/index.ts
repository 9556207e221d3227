import { pingContract } from './ping.contract';

export * from './contract';
export { pingContract };

/** Every callable function's contract, by function name: `services/cloud.ts` is typed from this map. */
export const contracts = {
  ping: pingContract,
} as const;

export type FunctionName = keyof typeof contracts;
