import { buySoloContract, joinGroupContract, openGroupContract } from './order.contracts';
import { pingContract } from './ping.contract';

export * from './contract';
export * from './order.contracts';
export { pingContract };

/** Every callable function's contract, by function name: `services/cloud.ts` is typed from this map. */
export const contracts = {
  ping: pingContract,
  openGroup: openGroupContract,
  joinGroup: joinGroupContract,
  buySolo: buySoloContract,
} as const;

export type FunctionName = keyof typeof contracts;
