import { buySoloContract, joinGroupContract, openGroupContract } from './order.contracts';
import { pingContract } from './ping.contract';
import {
  getActivityContract,
  getGroupContract,
  getOrderContract,
  listActivitiesContract,
  listMyOrdersContract,
} from './read.contracts';

export * from './contract';
export * from './order.contracts';
export { pingContract };
export * from './read.contracts';

/** Every callable function's contract, by function name: `services/cloud.ts` is typed from this map. */
export const contracts = {
  ping: pingContract,
  openGroup: openGroupContract,
  joinGroup: joinGroupContract,
  buySolo: buySoloContract,
  getGroup: getGroupContract,
  getActivity: getActivityContract,
  listActivities: listActivitiesContract,
  listMyOrders: listMyOrdersContract,
  getOrder: getOrderContract,
} as const;

export type FunctionName = keyof typeof contracts;
