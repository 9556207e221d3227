import { getActivityContract } from '@shared/contracts/get-activity.contract';
import { getActivity } from '@shared/server/discovery/get-activity';
import { defineFunction } from '@shared/server/runtime';

export const main = defineFunction(getActivityContract, getActivity);
