import { getOrderTrackContract } from '@shared/contracts/get-order-track.contract';
import { getOrderTrack } from '@shared/server/fulfilment/get-order-track';
import { defineFunction } from '@shared/server/runtime';

export const main = defineFunction(getOrderTrackContract, getOrderTrack);
