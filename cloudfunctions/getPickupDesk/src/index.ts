import { getPickupDeskContract } from '@shared/contracts/get-pickup-desk.contract';
import { getPickupDesk } from '@shared/server/leader/get-pickup-desk';
import { defineFunction } from '@shared/server/runtime';

export const main = defineFunction(getPickupDeskContract, getPickupDesk);
