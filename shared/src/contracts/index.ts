import { listMyGroupsContract, loginContract, updateProfileContract } from './account.contracts';
import { listGroupsContract, listPickupPointsContract } from './discovery.contracts';
import { buySoloContract, joinGroupContract, openGroupContract, payOrderContract } from './order.contracts';
import { pingContract } from './ping.contract';
import {
  getActivityContract,
  getGroupContract,
  getOrderContract,
  listActivitiesContract,
  listMyOrdersContract,
} from './read.contracts';
import { getShareCodeContract } from './share.contracts';

export * from './account.contracts';
export * from './contract';
export * from './discovery.contracts';
export * from './order.contracts';
export { pingContract };
export * from './read.contracts';
export * from './share.contracts';

/** Every callable function's contract, by function name: `services/cloud.ts` is typed from this map. */
export const contracts = {
  ping: pingContract,
  openGroup: openGroupContract,
  joinGroup: joinGroupContract,
  buySolo: buySoloContract,
  payOrder: payOrderContract,
  getGroup: getGroupContract,
  getActivity: getActivityContract,
  listActivities: listActivitiesContract,
  listMyOrders: listMyOrdersContract,
  getOrder: getOrderContract,
  listGroups: listGroupsContract,
  listPickupPoints: listPickupPointsContract,
  login: loginContract,
  updateProfile: updateProfileContract,
  listMyGroups: listMyGroupsContract,
  getShareCode: getShareCodeContract,
} as const;

export type FunctionName = keyof typeof contracts;
